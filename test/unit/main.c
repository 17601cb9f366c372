/*
 * main.c — runs every unit test of the core and prints the summary line.
 */
#include <stdlib.h>

#include "core.h"
#include "unit.h"

int			ut_passed;
int			ut_failed;
gt_doc	   *ut_doc;

/* See unit.h. */
char *
ut_read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n + 1);
	if (fread(buf, 1, n, f) != (size_t) n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	*len = n;
	return buf;
}

/*
 * The next line of t that is not empty or a comment, split on tabs into
 * cols (at most UT_TSV_MAX_COLS); returns the number of columns, 0 at the
 * end.
 */
static int
tsv_line(ut_tsv *t, char **cols)
{
	while (t->next && *t->next)
	{
		char	   *line = t->next;
		char	   *nl = strchr(line, '\n');
		size_t		n;
		int			ncols = 0;

		t->next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		t->line++;
		n = strlen(line);
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		cols[ncols++] = line;
		for (; *line; line++)
			if (*line == '\t')
			{
				*line = '\0';
				if (ncols < UT_TSV_MAX_COLS)
					cols[ncols++] = line + 1;
			}
		return ncols;
	}
	return 0;
}

/* See unit.h. */
int
ut_tsv_open(ut_tsv *t, const char *path)
{
	size_t		len;

	memset(t, 0, sizeof(*t));
	t->path = path;
	t->text = ut_read_file(path, &len);
	t->next = t->text;
	t->ncols = t->text ? tsv_line(t, t->header) : 0;
	return t->ncols > 0;
}

/* See unit.h. */
int
ut_tsv_col(const ut_tsv *t, const char *name)
{
	int			i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->header[i], name) == 0)
			return i;
	return -1;
}

/* See unit.h. */
int
ut_tsv_next(ut_tsv *t)
{
	int			n = tsv_line(t, t->cols);

	if (n == 0)
		return 0;
	for (; n < UT_TSV_MAX_COLS; n++)
		t->cols[n] = "";
	return 1;
}

/* See unit.h. */
void
ut_tsv_close(ut_tsv *t)
{
	free(t->text);
	t->text = NULL;
}

/* See unit.h. */
const char *
ut_entities(const char *text)
{
	static char buf[8192];
	const gt_lexicon *lex = &gt_builtin_lexicon;
	uint8_t    *present = calloc(lex->n_entities, 1);
	size_t		used = 0;
	uint32_t	i;

	gt_doc_entities(ut_doc, text, strlen(text), present);
	buf[0] = '\0';
	for (i = 0; i < lex->n_entities; i++)
		if (present[i] && used + 64 < sizeof(buf))
			used += snprintf(buf + used, sizeof(buf) - used, "%s%s",
							 used ? "," : "", gt_lex_entity_id(lex, i));
	free(present);
	return buf;
}

/* See unit.h. */
const char *
ut_mentions(const char *text)
{
	static char buf[16384];
	const gt_lexicon *lex = &gt_builtin_lexicon;
	gt_doc	   *doc = ut_doc;
	const gt_sentence *s;
	const gt_mention *m;
	uint32_t	nm,
				k;
	size_t		used = 0;

	buf[0] = '\0';
	gt_doc_start(doc, text, strlen(text));
	while (gt_doc_next(doc, &s, &m, &nm))
		for (k = 0; k < nm && used + 256 < sizeof(buf); k++)
			used += snprintf(buf + used, sizeof(buf) - used, "%s:%.*s@%u-%u/%u;",
							 gt_lex_entity_id(lex, (uint32_t) m[k].entity),
							 (int) (m[k].end - m[k].start), text + m[k].start,
							 m[k].cstart + 1, m[k].cend + 1, s->index);
	return buf;
}

int
main(void)
{
	char		err[256];

	if (gt_core_init(err, sizeof(err)) < 0)
	{
		fprintf(stderr, "core init failed: %s\n", err);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	ut_doc = gt_doc_create(&gt_builtin_lexicon, &gt_malloc_allocator);
	test_chars();
	test_tokenize();
	test_countries();
	test_ambiguity();
	test_blockers();
	test_multilingual();
	test_cldr_names();
	test_robustness();
	test_sparse();
	test_sparse_sentence_ends();
	test_sparse_trailing_blanks();
	test_fuzz_regressions();
	test_custom();
	test_roles();
	test_role_posts();
	test_lexicon();
	test_looks_before();
	test_prefilter();
	test_second_prefilter();
	test_same_bytes();
	test_failures();
	gt_doc_destroy(ut_doc);
	printf("unit: %d passed, %d failed\n", ut_passed, ut_failed);
	return ut_failed ? 1 : 0;
}
