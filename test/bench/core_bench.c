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
 * separators, sentences, offsets or lookups).  That last figure bounds what any design that looks at every
 * word this way can reach.  Prints MB/s and the ratios, so the figures do not
 * depend on how busy the machine is.
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

	if (nsrc < 1 || mb <= 0)
	{
		fprintf(stderr, "usage: core_bench MB article.txt...\n");
		return 2;
	}
	if (gt_core_init(err, sizeof(err)) < 0)
	{
		fprintf(stderr, "%s\n", err);
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
