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
	free(all);
}
