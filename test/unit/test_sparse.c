/*
 * test_sparse.c — the tokenizer keeps only the words the matcher needs, and
 * skips most words in its quiet-word loop.  That must never change a result:
 * every text here is analysed twice, keeping only those words and keeping
 * every word, and the mentions must be the same, offsets and sentences
 * included.  The texts are the sample articles, cut and spliced at random
 * places, so that names fall next to every kind of separator.
 */
#include <dirent.h>
#include <stdlib.h>

#include "unit.h"

/* The mentions of text as a string, with the document in the given mode. */
static char *
mentions_in_mode(const char *text, size_t len, int keep_all)
{
	size_t		cap = 4096,
				used = 0;
	char	   *buf = malloc(cap);
	const gt_sentence *s;
	const gt_mention *m;
	uint32_t	nm,
				k;

	buf[0] = '\0';
	gt_doc_keep_all(ut_doc, keep_all);
	gt_doc_start(ut_doc, text, len);
	while (gt_doc_next(ut_doc, &s, &m, &nm))
		for (k = 0; k < nm; k++)
		{
			if (used + 128 > cap)
				buf = realloc(buf, cap *= 2);
			used += snprintf(buf + used, cap - used, "%s@%u-%u/%u;",
							 gt_lex_entity_id(&gt_builtin_lexicon, (uint32_t) m[k].entity),
							 m[k].cstart, m[k].cend, s->index);
		}
	gt_doc_keep_all(ut_doc, 0);
	return buf;
}

/* Compares the two modes on one text; returns 1 if they agree. */
static int
same_in_both_modes(const char *text, size_t len)
{
	char	   *a = mentions_in_mode(text, len, 0);
	char	   *b = mentions_in_mode(text, len, 1);
	int			same = strcmp(a, b) == 0;

	if (!same)
		fprintf(stderr, "sparse: %s\nkeep all: %s\n", a, b);
	free(a);
	free(b);
	return same;
}

void
test_sparse(void)
{
	DIR		   *d = opendir("test/samples");
	struct dirent *e;
	char	   *all = calloc(1, 1);
	size_t		all_len = 0;
	int			files = 0,
				differ = 0,
				i;
	uint32_t	rnd = 88172645u;

	CHECK(d != NULL, "test/samples is readable (run from the repository root)");
	if (!d)
		return;
	while ((e = readdir(d)) != NULL)
	{
		size_t		n = strlen(e->d_name),
					len;
		char		path[512];
		char	   *text;

		if (n < 4 || strcmp(e->d_name + n - 4, ".txt") != 0)
			continue;
		snprintf(path, sizeof(path), "test/samples/%s", e->d_name);
		text = ut_read_file(path, &len);
		if (!text)
			continue;
		files++;
		if (!same_in_both_modes(text, len))
		{
			differ++;
			fprintf(stderr, "  in %s\n", path);
		}
		all = realloc(all, all_len + len + 1);
		memcpy(all + all_len, text, len);
		all_len += len;
		all[all_len] = '\0';
		free(text);
	}
	closedir(d);
	CHECK(files >= 12 && differ == 0, "%d of %d sample articles differ between the two modes", differ, files);

	/* splices: a slice of one place glued to a slice of another */
	differ = 0;
	for (i = 0; i < 400 && all_len > 0; i++)
	{
		size_t		a,
					b,
					la,
					lb;
		char	   *buf;

		rnd ^= rnd << 13;
		rnd ^= rnd >> 17;
		rnd ^= rnd << 5;
		a = rnd % all_len;
		la = 1 + (rnd >> 8) % 300;
		rnd ^= rnd << 13;
		rnd ^= rnd >> 17;
		rnd ^= rnd << 5;
		b = rnd % all_len;
		lb = 1 + (rnd >> 8) % 300;
		if (a + la > all_len)
			la = all_len - a;
		if (b + lb > all_len)
			lb = all_len - b;
		buf = malloc(la + lb + 1);
		memcpy(buf, all + a, la);
		memcpy(buf + la, all + b, lb);
		buf[la + lb] = '\0';
		differ += !same_in_both_modes(buf, la + lb);
		free(buf);
	}
	CHECK(differ == 0, "%d of 400 spliced texts differ between the two modes", differ);

	/*
	 * A text over 1 MB, which the document reads in place rather than from
	 * a padded copy (core.c, gt_doc_start): the quiet-word loop then stops
	 * GT_TEXT_PAD bytes before the end, and its last sentences are the
	 * general path's.
	 */
	if (all_len > 0)
	{
		size_t		copies = ((size_t) 1 << 20) / all_len + 1,
					big_len = copies * all_len,
					k;
		char	   *big = malloc(big_len);	/* exactly: AddressSanitizer
											 * sees any read past it */

		for (k = 0; k < copies; k++)
			memcpy(big + k * all_len, all, all_len);
		CHECK(same_in_both_modes(big, big_len),
			  "a text of %zu bytes (read in place) is the same in both modes", big_len);
		free(big);
	}
	free(all);
}

/*
 * Sentence ends that the quiet-word loop decides itself (a terminal after
 * a word it skipped, spaces or newlines, the next word's first letter), and
 * their near misses, in both modes: every terminal, gap and next word, after
 * plain words, abbreviations and initials, with a name on each side so that
 * a boundary misplaced shows in the mentions' sentence numbers.  Texts are
 * padded so that the loop runs there (it leaves the last 96 bytes alone).
 */
void
test_sparse_sentence_ends(void)
{
	static const char *const before[] = {"today", "Mr", "etc", "no", "W", "été", "会", "Me", "me"};
	static const char *const terminal[] = {".", "!", "?", "。", "！", "？", "…", ".."};
	static const char *const gap[] = {" ", "  ", "\n", "\n\n", "", " \n ", "\r\n", " \" "};
	static const char *const after[] = {"China", "china", "1990", "Éire", "«China»", "中国",
	"Россия", "россия", "\"China\"", "U.S. officials"};
	const char *pad = "and the talks went on for a long time in the same way as before, "
		"with no end in sight for any of those who had come to the town for it. ";
	char		text[1024];
	int			differ = 0,
				total = 0;
	size_t		a,
				b,
				c,
				d;

	for (a = 0; a < sizeof(before) / sizeof(before[0]); a++)
		for (b = 0; b < sizeof(terminal) / sizeof(terminal[0]); b++)
			for (c = 0; c < sizeof(gap) / sizeof(gap[0]); c++)
				for (d = 0; d < sizeof(after) / sizeof(after[0]); d++)
				{
					int			n = snprintf(text, sizeof(text),
											 "Russia said it would wait with the others %s%s%s%s said Russia %s",
											 before[a], terminal[b], gap[c], after[d], pad);

					total++;
					if (!same_in_both_modes(text, (size_t) n))
					{
						differ++;
						fprintf(stderr, "  text: %s\n", text);
					}
				}
	CHECK(differ == 0, "%d of %d texts with sentence ends differ between the two modes", differ, total);
}

/*
 * A terminal after a quiet word, then nothing but spaces and newlines to
 * the end of the text: the sentence-end check must stop where the text
 * does (the buffer here is exactly the text, for the sanitized build).
 */
void
test_sparse_trailing_blanks(void)
{
	const char *head = "and the talks went on for a long time in the same way as before, "
		"with no end in sight for any of those who had come to the town today.";
	size_t		hl = strlen(head),
				n = hl + 5000,
				k;
	char	   *text = malloc(n);

	memcpy(text, head, hl);
	for (k = hl; k < n; k++)
		text[k] = k % 7 == 0 ? '\n' : ' ';
	CHECK(same_in_both_modes(text, n), "a text ending in a period and 5000 blanks");
	free(text);
}
