/*
 * acronym.c — dotted acronyms (`U.S.`, `U.K.`, `U.S.A.`) with PCRE2.
 *
 * The tokenizer calls this only when an upper-case letter is followed by a
 * period, so the regular expression runs on a handful of places per article.
 * The pattern is compiled (and JIT-compiled) once per process.
 */
#include <stdio.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "core.h"
#include "tokenize.h"

/* Two or more upper-case letters each followed by a period (the last one's
 * is optional), not followed by a letter or digit. */
static const char acronym_pattern[] =
"\\p{Lu}\\.(?:\\p{Lu}\\.){0,10}\\p{Lu}\\.?(?![\\p{L}\\p{N}])";

/* Longest subject handed to PCRE2: an acronym is shorter. */
#define ACRONYM_WINDOW 48

static pcre2_code *acronym_re;
static pcre2_match_data *acronym_md;

#ifdef GT_TEST_HOOKS
int			gt_test_fail_pcre2; /* see core.h */
#endif

/* Compiles the pattern; 0 on success, -1 with a message. */
int
gt_acronym_init(char *err, size_t errlen)
{
	int			code;
	PCRE2_SIZE	offset;

	if (acronym_re)
		return 0;
	acronym_re = pcre2_compile((PCRE2_SPTR) acronym_pattern,
							   PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
							   &code, &offset, NULL);
	if (!acronym_re)
	{
		PCRE2_UCHAR msg[160];

		pcre2_get_error_message(code, msg, sizeof(msg));
		snprintf(err, errlen, "PCRE2 could not compile the acronym pattern at offset %zu: %s",
				 (size_t) offset, (const char *) msg);
		return -1;
	}
	/* JIT is an optimisation: the interpreter is used when it is refused */
	(void) pcre2_jit_compile(acronym_re, PCRE2_JIT_COMPLETE);
	acronym_md = pcre2_match_data_create_from_pattern(acronym_re, NULL);
	if (!acronym_md)
	{
		pcre2_code_free(acronym_re);
		acronym_re = NULL;
		snprintf(err, errlen, "PCRE2 could not allocate match data");
		return -1;
	}
	return 0;
}

/*
 * See tokenize.h.  Invalid UTF-8 in the window simply means no acronym;
 * another error of PCRE2 (a match limit, memory) is recorded (core.h,
 * gt_core_failure) and the period read as no acronym.
 */
size_t
gt_acronym_length(const unsigned char *s, size_t n)
{
	int			rc;
	size_t		k;

	/*
	 * Most capitals before a period are initials (`George W. Bush`): an
	 * acronym has an upper-case letter after its first period, that is an
	 * ASCII capital or a non-ASCII letter, whose first byte is >= 0xC3.
	 * Reject the others before PCRE2 is called.
	 */
	for (k = 1; k < n && k < 5 && s[k] != '.'; k++)
		;
	if (k + 1 >= n || k >= 5 ||
		!((s[k + 1] >= 'A' && s[k + 1] <= 'Z') || s[k + 1] >= 0xC3))
		return 0;
	if (n > ACRONYM_WINDOW)
	{
		n = ACRONYM_WINDOW;
		while (n > 0 && (s[n] & 0xC0) == 0x80)
			n--;				/* cut at a character boundary */
	}
	rc = pcre2_match(acronym_re, (PCRE2_SPTR) s, n, 0, PCRE2_ANCHORED,
					 acronym_md, NULL);
#ifdef GT_TEST_HOOKS
	if (gt_test_fail_pcre2)
		rc = PCRE2_ERROR_MATCHLIMIT;
#endif
	if (rc < 0)
	{
		if (rc != PCRE2_ERROR_NOMATCH &&
			!(rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21))
		{
			PCRE2_UCHAR msg[128];

			if (pcre2_get_error_message(rc, msg, sizeof(msg)) < 0)
				snprintf((char *) msg, sizeof(msg), "error %d", rc);
			gt_core_fail("PCRE2", "pcre2_match", (const char *) msg);
		}
		return 0;
	}
	return (size_t) pcre2_get_ovector_pointer(acronym_md)[1];
}

/* The PCRE2 version, for geotext_version(). */
const char *
gt_pcre2_version(void)
{
	static char buf[64];

	if (!buf[0])
		pcre2_config(PCRE2_CONFIG_VERSION, buf);
	return buf;
}
