/*
 * test_custom.c — users' own aliases (core/custom.c): which aliases are
 * refused and why, and that what is accepted matches as texts are read.
 */
#include <stdlib.h>

#include "unit.h"

/* What gt_custom_add says of alias, on a fresh matcher. */
static int
add_result(const char *alias)
{
	gt_custom  *c = gt_custom_create(&gt_builtin_lexicon, &gt_malloc_allocator);
	int			r = gt_custom_add(c, alias, strlen(alias), 0);

	gt_custom_destroy(c);
	return r;
}

/* Does alias (actor 0, alone in a matcher) match in text? */
static int
matches(const char *alias, const char *text)
{
	gt_custom  *c = gt_custom_create(&gt_builtin_lexicon, &gt_malloc_allocator);
	uint8_t    *present = calloc(gt_builtin_lexicon.n_entities, 1);
	uint8_t		custom_present[1] = {0};

	if (gt_custom_add(c, alias, strlen(alias), 0) != GT_CUSTOM_OK)
		custom_present[0] = 2;	/* (a test would then fail loudly) */
	else
		gt_doc_entities_custom(ut_doc, c, text, strlen(text), present, custom_present);
	gt_custom_destroy(c);
	free(present);
	return custom_present[0] == 1;
}

void
test_custom(void)
{
	char		words[400] = "",
				long_word[200];
	int			i;

	/* refused, each for its own reason */
	CHECK(add_result("   ") == GT_CUSTOM_NO_WORD, "blank alias: %d", add_result("   "));
	CHECK(add_result("«»") == GT_CUSTOM_NO_WORD, "punctuation only: %d", add_result("«»"));
	CHECK(add_result("Hayat Tahrir al-Sham (HTS)") == GT_CUSTOM_PUNCTUATION,
		  "brackets: %d", add_result("Hayat Tahrir al-Sham (HTS)"));
	CHECK(add_result("AT&T") == GT_CUSTOM_PUNCTUATION, "AT&T: %d", add_result("AT&T"));
	CHECK(add_result("Wagner. Prigojine") == GT_CUSTOM_SENTENCES,
		  "two sentences: %d", add_result("Wagner. Prigojine"));
	for (i = 0; i < GT_CUSTOM_MAX_WORDS + 1; i++)
		strcat(words, "mot ");
	CHECK(add_result(words) == GT_CUSTOM_TOO_MANY_WORDS, "33 words: %d", add_result(words));
	memset(long_word, 'a', GT_TOKEN_MAX + 1);
	long_word[GT_TOKEN_MAX + 1] = '\0';
	CHECK(add_result(long_word) == GT_CUSTOM_LONG_WORD, "a word of 65 letters: %d",
		  add_result(long_word));

	/* accepted */
	CHECK(add_result("groupe Wagner") == GT_CUSTOM_OK, "two words");
	CHECK(add_result("al-Shabaab") == GT_CUSTOM_OK, "a hyphen joins");
	CHECK(add_result("Gen. Haftar") == GT_CUSTOM_OK,
		  "an abbreviation's period does not end the phrase: %d", add_result("Gen. Haftar"));
	long_word[GT_TOKEN_MAX] = '\0';
	CHECK(add_result(long_word) == GT_CUSTOM_OK, "a word of 64 letters");

	/* and they match as texts are read */
	CHECK(matches("Gen. Haftar", "Les forces du Gen. Haftar avancent."),
		  "Gen. Haftar in a text");
	CHECK(matches("groupe Wagner", "Le Groupe Wagner a quitté Bamako."), "case folded");
	CHECK(!matches("groupe Wagner", "Le groupe, Wagner a dit"), "not across a comma");
	/* a long word of a text is folded in part: it must not match a
	 * shorter alias that shares its first 64 bytes */
	{
		char		text[300];

		snprintf(text, sizeof(text), "le mot %sbcd ici", long_word);
		CHECK(!matches(long_word, text), "a 64-letter alias in a 67-letter word");
		snprintf(text, sizeof(text), "le mot %s ici", long_word);
		CHECK(matches(long_word, text), "a 64-letter alias alone");
	}
}
