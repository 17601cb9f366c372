/*
 * unit.h — the smallest test harness that does the job: CHECK counts, a
 * failure prints where and why, main() prints `N passed, N failed`.
 */
#ifndef GT_UNIT_H
#define GT_UNIT_H

#include <stdio.h>
#include <string.h>

extern int	ut_passed;
extern int	ut_failed;

#define CHECK(cond, ...) \
	do { \
		if (cond) ut_passed++; \
		else { \
			ut_failed++; \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
		} \
	} while (0)

/* Compares two strings, printing both on failure. */
#define CHECK_STR(got, want, text) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		CHECK(strcmp(g_, w_) == 0, "%s\n     text: %s\n      got: %s\n     want: %s", \
			  #got, (text), g_, w_); \
	} while (0)

#include "core.h"

/* One document buffer for every test, as a backend has one. */
extern gt_doc *ut_doc;

/* Reads a whole file (malloc'd, NUL-terminated); NULL if it cannot. */
char	   *ut_read_file(const char *path, size_t *len);

/*
 * A TSV file of the lexicon's format, read as the generator reads it: empty
 * lines and lines starting with '#' skipped, the first other line the
 * header, columns split on tabs, missing trailing columns empty.
 */
#define UT_TSV_MAX_COLS 16

typedef struct ut_tsv
{
	const char *path;
	char	   *text;			/* the whole file (malloc'd) */
	char	   *next;			/* the next line to read */
	int			line;			/* line number of the current row */
	int			ncols;
	char	   *header[UT_TSV_MAX_COLS];
	char	   *cols[UT_TSV_MAX_COLS];	/* the current row */
} ut_tsv;

/* Opens path and reads its header; 0 if it cannot be read or has none. */
int			ut_tsv_open(ut_tsv *t, const char *path);

/* Index of the column named name, or -1. */
int			ut_tsv_col(const ut_tsv *t, const char *name);

/* Reads the next row into t->cols; 0 at the end. */
int			ut_tsv_next(ut_tsv *t);

void		ut_tsv_close(ut_tsv *t);

/* The actor ids of a text, comma-separated, sorted (static buffer). */
const char *ut_entities(const char *text);

/* The mentions of a text as `ID:surface@start-end/sentence;` (static buffer;
 * offsets 1-based characters, end exclusive, like geo_mentions). */
const char *ut_mentions(const char *text);

void		test_chars(void);
void		test_tokenize(void);
void		test_countries(void);
void		test_ambiguity(void);
void		test_blockers(void);
void		test_multilingual(void);
void		test_cldr_names(void);
void		test_robustness(void);
void		test_sparse(void);
void		test_sparse_sentence_ends(void);
void		test_sparse_trailing_blanks(void);
void		test_fuzz_regressions(void);
void		test_custom(void);
void		test_roles(void);
void		test_role_posts(void);
void		test_lexicon(void);
void		test_looks_before(void);
void		test_prefilter(void);
void		test_second_prefilter(void);
void		test_same_bytes(void);
void		test_failures(void);

#endif
