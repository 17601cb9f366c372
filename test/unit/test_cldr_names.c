/*
 * test_cldr_names.c — every country's name as ICU displays it
 * (uloc_getDisplayCountry), in every locale the lexicon compiles
 * (src/lexicon/rules/cldr_languages.tsv), gives that country and nothing
 * else.  The names that do not, each with its reason, are listed in
 * test/unit/cldr_exceptions.tsv; an exception that no longer fails fails
 * the test too, so the list stays true.  Run from the repository's root, as
 * `make unit` does.
 */
#include "unit.h"

#include <stdlib.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "../../src/lexicon/generator/cldr_dashes.h"

#define MAX_ROWS 512

/* The first three columns of every row of a TSV file (ut_tsv). */
typedef struct tsv_rows
{
	char	   *text;			/* the file, which the rows point into */
	int			n;
	char	   *cols[MAX_ROWS][3];
} tsv_rows;

/* Reads the rows of path; 0 on failure. */
static int
read_rows(const char *path, tsv_rows *r)
{
	ut_tsv		t;
	int			ok = ut_tsv_open(&t, path),
				k;

	r->n = 0;
	while (ok && ut_tsv_next(&t))
	{
		if (r->n == MAX_ROWS)
		{
			ok = 0;
			break;
		}
		for (k = 0; k < 3; k++)
			r->cols[r->n][k] = t.cols[k];
		r->n++;
	}
	r->text = t.text;			/* (freed by the caller, with the rows) */
	return ok;
}

/* Is (locale, alpha2) one of the exceptions?  Marks it seen. */
static int
is_exception(tsv_rows *ex, int *seen, const char *locale, const char *alpha2)
{
	int			i;

	for (i = 0; i < ex->n; i++)
		if (strcmp(ex->cols[i][0], locale) == 0 && strcmp(ex->cols[i][1], alpha2) == 0)
		{
			seen[i] = 1;
			return 1;
		}
	return 0;
}

void
test_cldr_names(void)
{
	static tsv_rows countries,
				locales,
				ex;
	static int	seen[MAX_ROWS];
	int			l,
				c,
				i,
				names = 0,
				unexpected = 0,
				stale = 0;

	CHECK(read_rows("src/lexicon/actors/countries.tsv", &countries) &&
		  read_rows("src/lexicon/rules/cldr_languages.tsv", &locales) &&
		  read_rows("test/unit/cldr_exceptions.tsv", &ex),
		  "the country list, the CLDR locales and the exceptions can be read (run from the repository's root)");
	for (l = 0; l < locales.n; l++)
	{
		const char *locale = locales.cols[l][0];

		for (c = 0; c < countries.n; c++)
		{
			const char *id = countries.cols[c][0];
			const char *alpha2 = countries.cols[c][1];
			char		region[16];
			UChar		name16[256];
			char		name[1024];
			UErrorCode	st = U_ZERO_ERROR;
			int32_t		n,
						n8;
			const char *got;
			int			ok;

			snprintf(region, sizeof(region), "und_%s", alpha2);
			n = uloc_getDisplayCountry(region, locale, name16, 256, &st);
			if (U_SUCCESS(st))
				u_strToUTF8(name, sizeof(name), &n8, name16, n, &st);
			/* no name in that locale: ICU falls back to the code */
			if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING || strcmp(name, alpha2) == 0)
				continue;
			names++;
			cldr_tighten_dashes(name);	/* as the lexicon holds it */
			got = ut_entities(name);
			ok = strcmp(got, id) == 0;
			if (is_exception(&ex, seen, locale, alpha2))
			{
				if (ok)
				{
					stale++;
					fprintf(stderr, "  exception no longer needed: %s %s \"%s\" gives %s\n",
							locale, alpha2, name, id);
				}
			}
			else if (!ok)
			{
				unexpected++;
				fprintf(stderr, "  %s %s \"%s\": got {%s}, want {%s}\n",
						locale, alpha2, name, got, id);
			}
		}
	}
	for (i = 0; i < ex.n; i++)
		if (!seen[i])
		{
			stale++;
			fprintf(stderr, "  exception matches no name: %s %s\n", ex.cols[i][0], ex.cols[i][1]);
		}
	CHECK(names > 3000, "ICU displays %d country names in the %d locales", names, locales.n);
	CHECK(unexpected == 0, "%d of %d CLDR display names do not give their country alone (listed above)",
		  unexpected, names);
	CHECK(stale == 0, "%d exceptions of cldr_exceptions.tsv are stale (listed above)", stale);
	free(countries.text);
	free(locales.text);
	free(ex.text);
}
