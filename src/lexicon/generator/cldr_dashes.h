/*
 * cldr_dashes.h — a CLDR name as texts write it: CLDR spaces the hyphen of
 * `Congo - Kinshasa` (an en dash in some locales: `Конго – Кіншаса`) that
 * texts write tight, `Congo-Kinshasa`, which is the form the lexicon holds.
 * Shared by the generator and the unit test of the CLDR names.
 */
#ifndef GT_CLDR_DASHES_H
#define GT_CLDR_DASHES_H

#include <string.h>

/* Rewrites " - " and " – " in the UTF-8 string s as "-", in place. */
static inline void
cldr_tighten_dashes(char *s)
{
	char	   *q;

	while ((q = strstr(s, " - ")) != NULL)
		memmove(q, q + 2, strlen(q + 2) + 1), *q = '-';
	while ((q = strstr(s, " \xe2\x80\x93 ")) != NULL)
		memmove(q, q + 4, strlen(q + 4) + 1), *q = '-';
}

#endif
