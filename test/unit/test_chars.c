/*
 * test_chars.c — character classes and folding.
 */
#include "chars.h"
#include "hash.h"
#include "unit.h"

/* The folded form of one code point, NUL-terminated. */
static const char *
fold_of(uint32_t cp)
{
	static char buf[GT_FOLD_MAX + 1];
	const gt_charinfo *ci = gt_char_info(cp);

	memcpy(buf, ci->fold, ci->flen);
	buf[ci->flen] = '\0';
	return buf;
}

void
test_chars(void)
{
	/* the tokenizer's padded hash equals the generator's plain one */
	{
		char		buf[80 + 8];
		uint32_t	n;
		int			same = 1;

		for (n = 0; n < 80; n++)
			buf[n] = (char) ('a' + n % 26);
		memset(buf + 80, 'x', 8);	/* slack that must not count */
		for (n = 0; n <= 80; n++)
			same &= gt_hash(buf, n) == gt_hash_padded(buf, n);
		CHECK(same, "gt_hash_padded differs from gt_hash for some length");
	}

	/* case and accents */
	CHECK_STR(fold_of('A'), "a", "A");
	CHECK_STR(fold_of(0x00C9), "e", "É");
	CHECK_STR(fold_of(0x00E9), "e", "é");
	CHECK_STR(fold_of(0x00DF), "ss", "ß");
	CHECK_STR(fold_of(0x0153), "oe", "œ");
	CHECK_STR(fold_of(0x00C6), "ae", "Æ");
	CHECK_STR(fold_of(0x0141), "l", "Ł");
	CHECK_STR(fold_of(0x0130), "i", "İ (Turkish dotted I)");
	CHECK_STR(fold_of(0x0131), "i", "ı (Turkish dotless i)");
	CHECK_STR(fold_of(0x00F8), "o", "ø");
	/* combining marks fold to nothing, so NFD = NFC */
	CHECK_STR(fold_of(0x0301), "", "combining acute");
	CHECK(gt_char_info(0x0301)->cls == GT_CC_WORD, "a combining mark continues a word");
	/* other scripts: lower case, same script */
	CHECK_STR(fold_of(0x0420), "\xd1\x80", "Cyrillic Р → р");
	CHECK_STR(fold_of(0x0419), "\xd0\xb8", "Cyrillic Й → и (breve dropped)");
	CHECK_STR(fold_of(0x03A3), "\xcf\x83", "Greek Σ → σ");
	/* compatibility forms */
	CHECK_STR(fold_of(0xFF35), "u", "fullwidth Ｕ");
	CHECK_STR(fold_of(0xFB01), "fi", "ﬁ ligature");

	/* classes */
	CHECK(gt_char_info('a')->cls == GT_CC_WORD, "letter");
	CHECK(gt_char_info('7')->cls == GT_CC_WORD, "digit");
	CHECK(gt_char_info(' ')->cls == GT_CC_SPACE, "space");
	CHECK(gt_char_info(0x00A0)->cls == GT_CC_SPACE, "no-break space");
	CHECK(gt_char_info(0x202F)->cls == GT_CC_SPACE, "narrow no-break space (French « »)");
	CHECK(gt_char_info('\n')->cls == GT_CC_NEWLINE, "newline");
	CHECK(gt_char_info('-')->cls == GT_CC_HYPHEN, "hyphen");
	CHECK(gt_char_info(0x2011)->cls == GT_CC_HYPHEN, "non-breaking hyphen");
	CHECK(gt_char_info('\'')->cls == GT_CC_APOS, "apostrophe");
	CHECK(gt_char_info(0x2019)->cls == GT_CC_APOS, "typographic apostrophe");
	CHECK(gt_char_info('.')->cls == GT_CC_TERM, "period");
	CHECK(gt_char_info(0x3002)->cls == GT_CC_TERM_HARD, "ideographic full stop");
	CHECK(gt_char_info(0x00AB)->cls == GT_CC_OTHER, "guillemet");
	CHECK(gt_char_info(0x4E2D)->cls == GT_CC_CONT, "Han 中 stands alone");
	CHECK(gt_char_info(0x30A2)->cls == GT_CC_CONT, "katakana ア stands alone");
	CHECK(gt_char_info(0x0E44)->cls == GT_CC_CONT, "Thai stands alone");
	CHECK(gt_char_info(0xD55C)->cls == GT_CC_WORD, "Hangul is spaced");
	CHECK(gt_char_info(0x0627)->cls == GT_CC_WORD, "Arabic alif");
	CHECK(gt_char_info(0x200D)->cls == GT_CC_WORD && gt_char_info(0x200D)->flen == 0,
		  "zero-width joiner continues a word, folds to nothing");
	CHECK(gt_char_info(0x200B)->cls == GT_CC_SPACE, "zero-width space separates");
	CHECK(gt_char_info(0x1F600)->cls == GT_CC_OTHER, "emoji is a symbol");
	CHECK(gt_char_info(0x10FFFF)->cls == GT_CC_OTHER, "last code point");
	CHECK(gt_char_info(0xE000)->cls == GT_CC_OTHER, "private use");
	/* case flags */
	CHECK(gt_char_info('Q')->flags & GT_CF_UPPER, "Q upper");
	CHECK(gt_char_info('q')->flags & GT_CF_LOWER, "q lower");
	CHECK(gt_char_info(0x00C9)->flags & GT_CF_UPPER, "É upper");
	CHECK(!(gt_char_info(0x4E2D)->flags & (GT_CF_UPPER | GT_CF_LOWER)), "Han has no case");
}
