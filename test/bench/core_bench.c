/*
 * core_bench.c — throughput of the core alone, outside PostgreSQL.
 *
 *     make bench-core            (or: build/core_bench [MB] files...)
 *
 * Builds a corpus of MB megabytes from the given articles (repeated), then
 * times, in this one process, gt_entities over the corpus, an ASCII
 * lower-casing pass (what lower() does in a C-collation database) as the
 * baseline, and, as a reference, the word filter alone: every word read
 * eight bytes at a time, hashed and tested in the lexicon's bloom filter as
 * the tokenizer reads, hashes and tests words, with nothing else (no
 * separators, sentences, offsets or lookups).  That last figure bounds what
 * any design that looks at every word this way can reach.  Prints MB/s and
 * the ratios, so the figures do not depend on how busy the machine is.
 *
 * With --count it only runs the core, for test/bench/instructions.sh to
 * count the instructions under valgrind (they do not move with the load of
 * the machine the way timings do, so they can tell a change of 3 %):
 *
 *     build/core_bench --count REPS FILE...          each file, REPS times
 *     build/core_bench --count REPS --synthetic KIND a generated text
 *
 * The generated texts isolate the costs of the core; KIND is
 *   quiet      lower-case English words that no phrase of the lexicon starts
 *              with, separated by spaces (the cheapest text there is)
 *   sentences  the same with a sentence end (`. ` and a capital) every
 *              20 words
 *   names      the same with a country's name every 20 words
 * so that (instructions of `sentences` - those of `quiet`) / sentence ends is
 * what one sentence end costs, and likewise for a name.
 *
 * `--count 20` over the sample articles is also the training run of the
 * profile-guided build (Makefile, PGO), linked with the instrumented core.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"
#include "hash.h"
#include "swar.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reads a whole file, or exits. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (!f)
	{
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(n + 16, 1);	/* zero padding: see run_word_filter */
	if (fread(buf, 1, n, f) != (size_t) n)
		exit(2);
	fclose(f);
	*len = n;
	return buf;
}

typedef struct doc
{
	const char *text;
	size_t		len;
} doc;

static volatile unsigned long sink;

/* Baseline 1: lower-case every ASCII letter into a buffer, like lower(). */
static void
run_lower(doc *docs, int n, char *out)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		size_t		k;

		for (k = 0; k < docs[i].len; k++)
		{
			unsigned char c = (unsigned char) docs[i].text[k];

			out[k] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		sink += (unsigned char) out[docs[i].len / 2];
	}
}

/*
 * SWAR: the high bit of each byte of x that is an ASCII letter or digit, or
 * any byte of a UTF-8 sequence (as if every non-ASCII character were a
 * letter: the cheapest rule possible).
 */
static inline uint64_t
word_bytes(uint64_t x)
{
	uint64_t	y = x & ~HIGHS;

	return ((swar_in_range(y | (ONES * 0x20), 'a', 'z') | swar_in_range(y, '0', '9')) &
			~x & HIGHS) | (x & HIGHS);
}

/*
 * The reference: hash every word and test it in the lexicon's word bloom,
 * eight bytes at a time.  The texts have 16 zero bytes after them (slurp):
 * a zero byte is no word byte, so every word ends before the padding's end.
 * Folding sets bit 0x20 of every byte, which is the tokenizer's folding for
 * ASCII letters only: for other text this approximates the work, not the
 * result.
 */
static void
run_word_filter(doc *docs, int n)
{
	const gt_lexicon *lex = &gt_builtin_lexicon;
	unsigned long hits = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		const unsigned char *t = (const unsigned char *) docs[i].text;
		size_t		len = docs[i].len,
					p = 0;

		while (p < len)
		{
			uint64_t	x,
						w,
						h = GT_HASH_SEED,
						stop;
			uint32_t	k = 0;
			unsigned	j;

			memcpy(&x, t + p, 8);
			w = word_bytes(x);
			if (!(w & 0x80))
			{
				/* separators: skip to the next word byte */
				p += w ? (size_t) (__builtin_ctzll(w) >> 3) : 8;
				continue;
			}
			while ((stop = ~w & HIGHS) == 0)
			{
				h = gt_hash_round(h, x | (ONES * 0x20));
				k += 8;
				p += 8;
				memcpy(&x, t + p, 8);
				w = word_bytes(x);
			}
			j = (unsigned) __builtin_ctzll(stop) >> 3;
			if (j > 0)
				h = gt_hash_round(h, (x | (ONES * 0x20)) & (((uint64_t) 1 << (8 * j)) - 1));
			k += j;
			p += j;
			h = gt_hash_finish(h, k);
			hits += gt_bloom_word_has(gt_word_bloom(lex->word_bloom, lex->bloom_mask, h)[GT_BLOOM_FIRST], h);
		}
	}
	sink += hits;
}

/* The subject: the actor set of every document. */
static void
run_entities(gt_doc *d, doc *docs, int n, uint8_t *present)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		memset(present, 0, gt_builtin_lexicon.n_entities);
		sink += gt_doc_entities(d, docs[i].text, docs[i].len, present);
	}
}

/* Words every lexicon leaves alone: no country, organisation or person. */
static const char *const quiet_words[] = {
	"said", "would", "their", "about", "which", "there", "after", "years",
	"other", "could", "being", "those", "under", "where", "while", "people",
	"according", "market", "economic", "policy", "meeting", "agreement",
	"between", "support", "talks", "week", "statement", "trade", "pressure",
	"prices", "since", "before", "however", "also", "more", "than", "into",
	"over", "some", "what", "when", "will", "with", "from", "this", "that",
};

static const char *const country_names[] = {"China", "Brazil", "Kenya", "Norway"};

#define SYNTHETIC_WORDS 4000
#define EVERY 20				/* one event every EVERY words */

/*
 * The generated text of kind (see the top of the file), zero-padded like
 * slurp's; *nevents gets the number of events in it.
 */
static char *
synthetic(const char *kind, size_t *len, unsigned *nevents)
{
	int			sentences = strcmp(kind, "sentences") == 0;
	int			names = strcmp(kind, "names") == 0;
	char	   *text = calloc((size_t) SYNTHETIC_WORDS * 16 + 16, 1);
	size_t		n = 0;
	unsigned	seed = 12345,
				i;

	if (!text)
		exit(2);
	if (!sentences && !names && strcmp(kind, "quiet") != 0)
	{
		fprintf(stderr, "core_bench: unknown kind '%s' (quiet, sentences, names)\n", kind);
		exit(2);
	}
	*nevents = 0;
	for (i = 0; i < SYNTHETIC_WORDS; i++)
	{
		const char *w;
		size_t		wl;

		seed = seed * 1103515245u + 12345u;
		w = quiet_words[(seed >> 16) % (sizeof(quiet_words) / sizeof(quiet_words[0]))];
		if (names && i % EVERY == EVERY / 2)
		{
			w = country_names[(i / EVERY) % (sizeof(country_names) / sizeof(country_names[0]))];
			(*nevents)++;
		}
		wl = strlen(w);
		if (i > 0)
			text[n++] = ' ';
		memcpy(text + n, w, wl);
		if (sentences && i % EVERY == 0 && i > 0)
			text[n] = (char) (text[n] - 'a' + 'A');	/* a capital after the period */
		n += wl;
		if (sentences && i % EVERY == EVERY - 1)
		{
			text[n++] = '.';
			(*nevents)++;
		}
	}
	*len = n;
	return text;
}

/*
 * --count REPS FILE... | --count REPS --synthetic KIND: runs the core REPS
 * times over each text and prints what the instruction counts are divided
 * by (bytes; for a generated text, events and words too).
 */
static int
count_mode(int argc, char **argv)
{
	int			reps = argc > 2 ? atoi(argv[2]) : -1;
	uint8_t    *present = malloc(gt_builtin_lexicon.n_entities);
	gt_doc	   *gdoc = gt_doc_create(&gt_builtin_lexicon, &gt_malloc_allocator);
	doc			d;
	size_t		total = 0;
	int			i,
				r;

	if (argc < 4 || reps < 0 || (strcmp(argv[3], "--synthetic") == 0 && argc != 5))
	{
		fprintf(stderr, "usage: core_bench --count REPS FILE... | core_bench --count REPS --synthetic KIND\n");
		return 2;
	}
	if (strcmp(argv[3], "--synthetic") == 0)
	{
		unsigned	nevents;
		char	   *text = synthetic(argv[4], &d.len, &nevents);

		d.text = text;
		for (r = 0; r < reps; r++)
			run_entities(gdoc, &d, 1, present);
		printf("bytes %zu events %u words %d\n", d.len, nevents, SYNTHETIC_WORDS);
		free(text);
	}
	else
	{
		for (i = 3; i < argc; i++)
		{
			char	   *text = slurp(argv[i], &d.len);

			d.text = text;
			for (r = 0; r < reps; r++)
				run_entities(gdoc, &d, 1, present);
			total += d.len;
			free(text);
		}
		printf("bytes %zu\n", total);
	}
	gt_doc_destroy(gdoc);
	free(present);
	return 0;
}

int
main(int argc, char **argv)
{
	double		mb = argc > 1 ? atof(argv[1]) : 64;
	char		err[256];
	doc		   *src,
			   *docs;
	int			nsrc = argc - 2,
				ndocs = 0,
				i,
				round;
	size_t		total = 0,
				maxlen = 0;
	double		best_ent = 1e9,
				best_low = 1e9,
				best_filter = 1e9;
	char	   *out;
	uint8_t    *present;
	gt_doc	   *gdoc;

	if (gt_core_init(err, sizeof(err)) < 0)
	{
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	if (argc > 1 && strcmp(argv[1], "--count") == 0)
		return count_mode(argc, argv);
	if (nsrc < 1 || mb <= 0)
	{
		fprintf(stderr, "usage: core_bench MB article.txt... | core_bench --count ...\n");
		return 2;
	}
	src = calloc(nsrc, sizeof(doc));
	for (i = 0; i < nsrc; i++)
	{
		src[i].text = slurp(argv[i + 2], &src[i].len);
		if (src[i].len > maxlen)
			maxlen = src[i].len;
	}
	docs = calloc((size_t) (mb * 1e6 / 100) + nsrc + 1, sizeof(doc));
	while (total < mb * 1e6)
	{
		docs[ndocs] = src[ndocs % nsrc];
		total += docs[ndocs].len;
		ndocs++;
	}
	out = malloc(maxlen + 1);
	present = malloc(gt_builtin_lexicon.n_entities);
	gdoc = gt_doc_create(&gt_builtin_lexicon, &gt_malloc_allocator);

	/* alternate the runs so that noise hits both alike; keep the best */
	for (round = 0; round < 5; round++)
	{
		double		t0 = now(),
					t1,
					t2,
					t3;

		run_entities(gdoc, docs, ndocs, present);
		t1 = now();
		run_lower(docs, ndocs, out);
		t2 = now();
		run_word_filter(docs, ndocs);
		t3 = now();
		if (t3 - t2 < best_filter)
			best_filter = t3 - t2;
		if (t1 - t0 < best_ent)
			best_ent = t1 - t0;
		if (t2 - t1 < best_low)
			best_low = t2 - t1;
	}
	printf("corpus: %.1f MB in %d documents (%d distinct articles)\n",
		   total / 1e6, ndocs, nsrc);
	printf("%-28s %8.1f MB/s\n", "gt_entities (core)", total / 1e6 / best_ent);
	printf("%-28s %8.1f MB/s\n", "ASCII lower-casing loop", total / 1e6 / best_low);
	printf("%-28s %8.1f MB/s\n", "word filter alone", total / 1e6 / best_filter);
	printf("ratio gt_entities / lower loop: %.2f\n", best_low / best_ent);
	printf("ratio word filter alone / lower loop: %.2f\n", best_low / best_filter);
	return 0;
}
