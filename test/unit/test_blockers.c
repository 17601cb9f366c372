/*
 * test_blockers.c — every row of src/lexicon/rules/blockers.tsv, analysed
 * alone as a text, gives no actor at all: a blocker names something else
 * ("New Mexico", "Georgia Tech", "guinea pig"), so the name inside it must
 * not count.  The file is read as the generator reads it (ut_tsv_open).
 * Run from the repository root, as `make unit` does.
 *
 * context.tsv is not tested here: its rows carry no example text (the
 * examples are prose in the note column); test_ambiguity.c has its cases.
 */
#include "unit.h"

#define BLOCKERS_PATH "src/lexicon/rules/blockers.tsv"

void
test_blockers(void)
{
	ut_tsv		t;
	int			opened = ut_tsv_open(&t, BLOCKERS_PATH),
				c_form = ut_tsv_col(&t, "form"),
				rows = 0,
				bad = 0;

	CHECK(opened, "%s is readable (run from the repository root)", BLOCKERS_PATH);
	CHECK(c_form >= 0, "%s has a header with a 'form' column", BLOCKERS_PATH);
	while (c_form >= 0 && ut_tsv_next(&t))
	{
		const char *got;

		if (t.cols[c_form][0] == '\0')
			continue;
		rows++;
		got = ut_entities(t.cols[c_form]);
		if (got[0] != '\0')
		{
			bad++;
			fprintf(stderr, "  %s:%d: \"%s\" gives %s\n", BLOCKERS_PATH, t.line, t.cols[c_form], got);
		}
	}
	ut_tsv_close(&t);
	CHECK(rows > 0 && bad == 0, "%d of %d blocker rows give an actor when analysed alone", bad, rows);
}
