/*
 * test_blockers.c — every row of src/lexicon/rules/blockers.tsv, analysed
 * alone as a text, gives no actor at all: a blocker names something else
 * ("New Mexico", "Georgia Tech", "guinea pig"), so the name inside it must
 * not count.  The file is read the way the generator reads it: lines that
 * are empty or start with '#' are skipped, the first other line is the
 * header, columns are tab-separated.  Run from the repository root, as
 * `make unit` does.
 *
 * context.tsv is not tested here: its rows carry no example text (the
 * examples are prose in the note column); test_ambiguity.c has its cases.
 */
#include <stdlib.h>

#include "unit.h"

#define BLOCKERS_PATH "src/lexicon/rules/blockers.tsv"

/* Splits a line on tabs in place; returns the number of columns. */
static int
split_tabs(char *line, char **cols, int max)
{
	int			n = 0;

	cols[n++] = line;
	for (; *line; line++)
		if (*line == '\t')
		{
			*line = '\0';
			if (n < max)
				cols[n++] = line + 1;
		}
	return n;
}

void
test_blockers(void)
{
	size_t		len;
	char	   *text = ut_read_file(BLOCKERS_PATH, &len);
	char	   *line,
			   *next;
	int			lineno = 0,
				c_form = -1,
				header = 0,
				rows = 0,
				bad = 0;

	CHECK(text != NULL, "%s is readable (run from the repository root)", BLOCKERS_PATH);
	if (!text)
		return;
	for (line = text; line && *line; line = next)
	{
		char	   *nl = strchr(line, '\n');
		char	   *cols[8];
		size_t		n;
		int			ncols,
					i;
		const char *got;

		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		n = strlen(line);
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		ncols = split_tabs(line, cols, 8);
		if (!header)
		{
			header = 1;
			for (i = 0; i < ncols; i++)
				if (strcmp(cols[i], "form") == 0)
					c_form = i;
			if (c_form < 0)
				break;
			continue;
		}
		if (c_form >= ncols || cols[c_form][0] == '\0')
			continue;
		rows++;
		got = ut_entities(cols[c_form]);
		if (got[0] != '\0')
		{
			bad++;
			fprintf(stderr, "  %s:%d: \"%s\" gives %s\n", BLOCKERS_PATH, lineno, cols[c_form], got);
		}
	}
	free(text);
	CHECK(c_form >= 0, "%s has a header with a 'form' column", BLOCKERS_PATH);
	CHECK(rows > 0 && bad == 0, "%d of %d blocker rows give an actor when analysed alone", bad, rows);
}
