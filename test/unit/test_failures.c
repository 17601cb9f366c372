/*
 * test_failures.c — an ICU or PCRE2 failure during analysis is reported,
 * not hidden, and forgotten once cleared.  The failures are made by the
 * test hooks of core.h (GT_TEST_HOOKS, set for the unit tests only).
 */
#include "chars.h"
#include "core.h"
#include "unit.h"

/* Does the recorded failure come from library's call, with text? */
static int
failed_with(const char *library, const char *call, const char *text)
{
	const gt_failure *f = gt_core_failure();

	return f != NULL && strcmp(f->library, library) == 0 &&
		strcmp(f->call, call) == 0 && strcmp(f->text, text) == 0;
}

/* The text of the recorded failure, for messages. */
static const char *
failure_text(void)
{
	const gt_failure *f = gt_core_failure();

	return f ? f->text : "(none)";
}

void
test_failures(void)
{
	const uint32_t han = 0x4E2D;	/* 中 */
	gt_char_cache_entry *slot = &gt_char_cache[han & (GT_CHAR_CACHE_SIZE - 1)];

	/* ICU fails while a character is computed: reported, not cached */
	CHECK_STR(ut_entities("中国和俄罗斯加强合作"), "CHN,RUS", "before the failure");
	CHECK(gt_core_failure() == NULL, "no failure in a plain analysis: %s", failure_text());
	slot->cp = 0;				/* 中 is computed afresh */
	gt_test_fail_icu = 1;
	ut_entities("中国和俄罗斯加强合作");
	gt_test_fail_icu = 0;
	CHECK(failed_with("ICU", "unorm2_normalize", "U_MEMORY_ALLOCATION_ERROR"),
		  "ICU failure reported: %s", failure_text());
	CHECK(slot->cp != han, "a character ICU failed on is not cached");
	gt_core_failure_clear();
	CHECK(gt_core_failure() == NULL, "ICU failure cleared");
	CHECK(gt_char_info(han)->cls == GT_CC_CONT && gt_char_info(han)->flen == 3,
		  "the character is computed again, correctly");
	CHECK_STR(ut_entities("中国和俄罗斯加强合作"), "CHN,RUS", "after the failure");
	CHECK(gt_core_failure() == NULL, "no failure after it: %s", failure_text());

	/* the next text starts clean even when nobody cleared the failure */
	slot->cp = 0;
	gt_test_fail_icu = 1;
	ut_mentions("中国");
	gt_test_fail_icu = 0;
	CHECK(gt_core_failure() != NULL, "ICU failure reported by the mentions");
	CHECK_STR(ut_entities("中国"), "CHN", "next text, failure not cleared");
	CHECK(gt_core_failure() == NULL, "gt_doc_start forgets the last text's failure");

	/* PCRE2 fails on an acronym (a match limit): reported */
	gt_test_fail_pcre2 = 1;
	ut_entities("The U.S. and the U.K. agreed");
	gt_test_fail_pcre2 = 0;
	CHECK(failed_with("PCRE2", "pcre2_match", "match limit exceeded"),
		  "PCRE2 failure reported: %s", failure_text());
	gt_core_failure_clear();
	CHECK(gt_core_failure() == NULL, "PCRE2 failure cleared");
	CHECK_STR(ut_entities("The U.S. and the U.K. agreed"), "GBR,USA", "after the failure");
	CHECK(gt_core_failure() == NULL, "no failure after it: %s", failure_text());

	/* no match and invalid UTF-8 are answers of PCRE2, not failures */
	ut_entities("The U.Nations and U.\xC3\x28 met");
	CHECK(gt_core_failure() == NULL, "no acronym is no failure: %s", failure_text());

	/* the first failure is kept: the later ones follow from it */
	gt_test_fail_pcre2 = 1;
	slot->cp = 0;
	gt_test_fail_icu = 1;
	ut_entities("The U.S. and 中国");
	gt_test_fail_icu = 0;
	gt_test_fail_pcre2 = 0;
	CHECK(failed_with("PCRE2", "pcre2_match", "match limit exceeded"),
		  "the first failure is kept: %s", failure_text());
	gt_core_failure_clear();

	/* an alias read while ICU fails */
	slot->cp = 0;
	gt_test_fail_icu = 1;
	gt_custom_check(&gt_builtin_lexicon, "中国", strlen("中国"));
	gt_test_fail_icu = 0;
	CHECK(failed_with("ICU", "unorm2_normalize", "U_MEMORY_ALLOCATION_ERROR"),
		  "ICU failure reported for an alias: %s", failure_text());
	CHECK(gt_custom_check(&gt_builtin_lexicon, "中国", strlen("中国")) == GT_CUSTOM_OK &&
		  gt_core_failure() == NULL, "the next alias starts clean");
}
