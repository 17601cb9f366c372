/*
 * chars.c — character classes and folding, computed with ICU.
 *
 * See chars.h.  Everything here is a pure function of the code point and the
 * ICU version, so the generator (which folds lexicon forms) and the matcher
 * (which folds text) agree by construction.
 */
#include "chars.h"
#include "core.h"

#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

gt_charinfo gt_chars_low[0x800];

static const UNormalizer2 *nfkd;
static int	initialised;

gt_char_cache_entry gt_char_cache[GT_CHAR_CACHE_SIZE];

#ifdef GT_TEST_HOOKS
int			gt_test_fail_icu;	/* see core.h */
#endif

/*
 * Latin letters that compatibility decomposition leaves alone but that readers
 * (and transliterated names) treat as plain letters.
 */
static const struct
{
	UChar32		cp;
	const char *ascii;
}			latin_extra[] =
{
	{0x00E6, "ae"}, {0x0153, "oe"}, {0x00F8, "o"}, {0x0142, "l"},
	{0x0111, "d"}, {0x0127, "h"}, {0x0131, "i"}, {0x0167, "t"},
	{0x0140, "l"}, {0x00FE, "th"}, {0x00F0, "d"}, {0x0138, "k"},
	{0x0180, "b"}, {0x0183, "b"}, {0x0188, "c"}, {0x0192, "f"},
	{0x0199, "k"}, {0x019A, "l"}, {0x01A5, "p"}, {0x01AD, "t"},
	{0x01B4, "y"}, {0x01B6, "z"}, {0x0253, "b"}, {0x0257, "d"},
	{0x025B, "e"}, {0x0254, "o"}, {0x0272, "n"}, {0x0268, "i"}
};

/* Is c a mark that folding drops? */
static int
is_dropped_mark(UChar32 c)
{
	int8_t		t = u_charType(c);

	return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK;
}

/* Characters that continue a word but fold to nothing. */
static int
is_word_joiner(UChar32 c)
{
	return c == 0x200C || c == 0x200D || c == 0x00AD || c == 0x2060 ||
		c == 0x034F;
}

/* Class of a code point. */
static uint8_t
classify(UChar32 c)
{
	int8_t		t;

	switch (c)
	{
		case '\n':
		case 0x85:
		case 0x2028:
		case 0x2029:
			return GT_CC_NEWLINE;
		case '-':
		case 0x2010:
		case 0x2011:
		case 0x2012:
		case 0x2013:
		case 0xFE63:
		case 0xFF0D:
		case 0x30FB:			/* katakana middle dot: ボスニア・ヘルツェゴビナ */
		case 0xFF65:			/* its half-width form */
		case 0xFF08:			/* full-width brackets join too: in scripts */
		case 0xFF09:			/* without spaces a bracketed qualifier is part
								 * of the name (刚果（金）, the DR Congo) */
			return GT_CC_HYPHEN;
		case '\'':
		case 0x2019:
		case 0x02BC:
		case 0x00B4:
		case 0xFF07:
			return GT_CC_APOS;
		case '.':
		case '!':
		case '?':
		case 0x2026:
		case 0x037E:
		case 0x061F:
		case 0x06D4:
		case 0x0589:
		case 0x0964:
		case 0x0965:
		case 0x203C:
		case 0x2047:
		case 0x2048:
		case 0x2049:
			return GT_CC_TERM;
		case 0x3002:
		case 0xFF01:
		case 0xFF1F:
		case 0xFF61:
			return GT_CC_TERM_HARD;
		default:
			break;
	}
	/* letters' marks written as punctuation: Hebrew geresh and gershayim
	 * (צ׳ילה Chile, ארה״ב the US), the Devanagari abbreviation sign (यू॰के॰) */
	if (is_word_joiner(c) || c == 0x05F3 || c == 0x05F4 || c == 0x0970)
		return GT_CC_WORD;
	if (u_isUWhiteSpace(c))
		return GT_CC_SPACE;
	t = u_charType(c);
	if (t == U_FORMAT_CHAR || t == U_CONTROL_CHAR)
		return GT_CC_SPACE;		/* bidi marks, zero-width space, BOM */
	if (u_isalnum(c) || t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK ||
		t == U_COMBINING_SPACING_MARK || t == U_MODIFIER_LETTER ||
		t == U_LETTER_NUMBER)
	{
		int			lb = u_getIntPropertyValue(c, UCHAR_LINE_BREAK);

		if ((lb == U_LB_IDEOGRAPHIC || lb == U_LB_CONDITIONAL_JAPANESE_STARTER ||
			 lb == U_LB_COMPLEX_CONTEXT) && u_isalpha(c))
			return GT_CC_CONT;
		return GT_CC_WORD;
	}
	return GT_CC_OTHER;
}

/* Appends the NFKD of the UTF-16 string src, minus dropped marks, to dst. */
static int32_t
decompose_strip(const UChar *src, int32_t n, UChar *dst, int32_t cap,
				UErrorCode *status)
{
	UChar		tmp[64];
	int32_t		m,
				i,
				out = 0;

	m = unorm2_normalize(nfkd, src, n, tmp, 64, status);
	if (U_FAILURE(*status))
		return 0;
	for (i = 0; i < m;)
	{
		UChar32		c;

		U16_NEXT(tmp, i, m, c);
		if (is_dropped_mark(c))
			continue;
		if (out + 2 > cap)
			break;
		U16_APPEND_UNSAFE(dst, out, c);
	}
	return out;
}

/*
 * Computes the information on one code point; 0, or -1 when ICU fails, with
 * its status and the function that failed in *status and *call.
 */
static int
compute(UChar32 c, gt_charinfo *ci, UErrorCode *status, const char **call)
{
	UChar		a[64],
				b[64];
	int32_t		n,
				i;
	size_t		k;

	memset(ci, 0, sizeof(*ci));
	ci->cls = classify(c);
	if (u_isupper(c) || u_istitle(c))
		ci->flags |= GT_CF_UPPER;
	else if (u_islower(c))
		ci->flags |= GT_CF_LOWER;
	if (u_isdigit(c))
		ci->flags |= GT_CF_DIGIT;
	if (ci->cls != GT_CC_WORD && ci->cls != GT_CC_CONT)
		return 0;
	if (is_word_joiner(c))
		return 0;

	/* decompose, drop marks, fold case, and once more (folding may compose) */
	*status = U_ZERO_ERROR;
	*call = "unorm2_normalize";
	n = 0;
	U16_APPEND_UNSAFE(b, n, c);
	n = decompose_strip(b, n, a, 64, status);
#ifdef GT_TEST_HOOKS
	if (gt_test_fail_icu)
		*status = U_MEMORY_ALLOCATION_ERROR;
#endif
	if (U_SUCCESS(*status))
	{
		*call = "u_strFoldCase";
		n = u_strFoldCase(b, 64, a, n, U_FOLD_CASE_DEFAULT, status);
	}
	if (U_SUCCESS(*status))
	{
		*call = "unorm2_normalize";
		n = decompose_strip(b, n, a, 64, status);
	}
	if (U_FAILURE(*status))
		return -1;

	/* to UTF-8, applying the Latin extras, stopping at GT_FOLD_MAX bytes */
	for (i = 0; i < n;)
	{
		UChar32		d;
		char		buf[8];
		int32_t		blen = 0;
		UBool		bad = 0;

		U16_NEXT(a, i, n, d);
		for (k = 0; k < sizeof(latin_extra) / sizeof(latin_extra[0]); k++)
			if (latin_extra[k].cp == d)
				break;
		if (k < sizeof(latin_extra) / sizeof(latin_extra[0]))
		{
			blen = (int32_t) strlen(latin_extra[k].ascii);
			memcpy(buf, latin_extra[k].ascii, blen);
		}
		else
			U8_APPEND((uint8_t *) buf, blen, 8, d, bad);
		if (bad || ci->flen + blen > GT_FOLD_MAX)
			break;
		memcpy(ci->fold + ci->flen, buf, blen);
		ci->flen += blen;
	}
	ci->fold[ci->flen] = '\0';
	return 0;
}

/* See chars.h. */
int
gt_chars_init(char *err, size_t errlen)
{
	UErrorCode	status = U_ZERO_ERROR;
	const char *call;
	UChar32		c;

	if (initialised)
		return 0;
	nfkd = unorm2_getNFKDInstance(&status);
	if (U_FAILURE(status))
	{
		snprintf(err, errlen, "ICU could not open the NFKD normaliser: %s",
				 u_errorName(status));
		return -1;
	}
	for (c = 0; c < 0x800; c++)
		if (compute(c, &gt_chars_low[c], &status, &call) < 0)
		{
			snprintf(err, errlen, "ICU could not fold U+%04X (%s): %s",
					 (unsigned) c, call, u_errorName(status));
			return -1;
		}
	initialised = 1;
	return 0;
}

/* See chars.h: a cache miss. */
const gt_charinfo *
gt_char_info_slow(uint32_t cp)
{
	gt_char_cache_entry *e = &gt_char_cache[cp & (GT_CHAR_CACHE_SIZE - 1)];
	UErrorCode	status;
	const char *call;

	if (e->cp != cp)
	{
		if (compute((UChar32) cp, &e->info, &status, &call) < 0)
		{
			/*
			 * Read as a symbol for the rest of the text, which the caller
			 * is told to refuse (core.h, gt_core_failure); not cached, so
			 * that the next text asks ICU again.
			 */
			memset(&e->info, 0, sizeof(gt_charinfo));
			e->cp = 0;
			gt_core_fail("ICU", call, u_errorName(status));
			return &e->info;
		}
		e->cp = cp;
	}
	return &e->info;
}
