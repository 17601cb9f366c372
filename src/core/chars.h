/*
 * chars.h — what each Unicode character is to the tokenizer, and its folded
 * form.
 *
 * Folding makes `ÉTATS`, `Etats` and `états` one word: compatibility
 * decomposition (NFKD), combining marks dropped, full case folding, and a few
 * Latin letters that Unicode does not decompose (œ, ø, ł …).  Because every
 * character is folded on its own and marks fold to nothing, NFC and NFD input
 * give the same result.  ICU computes all of it; the results for U+0000 to
 * U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic) are tabulated once per
 * process, and later characters are cached, so the hot path never calls ICU
 * twice for the same character.
 */
#ifndef GT_CHARS_H
#define GT_CHARS_H

#include <stddef.h>
#include <stdint.h>

/* Character classes. */
enum gt_cc
{
	GT_CC_OTHER = 0,			/* punctuation, symbols: breaks phrases */
	GT_CC_WORD,					/* letter, digit, mark, joiner: inside a word */
	GT_CC_CONT,					/* letter of a script written without spaces
								 * (Han, kana, Thai …): a word by itself */
	GT_CC_SPACE,
	GT_CC_NEWLINE,
	GT_CC_HYPHEN,				/* joins a compound when between two words */
	GT_CC_APOS,					/* elision when between two words */
	GT_CC_TERM,					/* . ! ? … : may end a sentence */
	GT_CC_TERM_HARD				/* 。！？ : ends a sentence */
};

/* Case flags. */
#define GT_CF_UPPER 0x01		/* upper or title case letter */
#define GT_CF_LOWER 0x02		/* lower case letter */
#define GT_CF_DIGIT 0x04

#define GT_FOLD_MAX 12			/* bytes of one character's folded form */

typedef struct gt_charinfo
{
	uint8_t		cls;			/* enum gt_cc */
	uint8_t		flags;			/* GT_CF_* */
	uint8_t		flen;			/* bytes in fold */
	char		fold[GT_FOLD_MAX + 1];
} gt_charinfo;

/* Builds the tables; 0 on success, -1 with a message on an ICU failure. */
int			gt_chars_init(char *err, size_t errlen);

/* Table of U+0000..U+07FF, valid after gt_chars_init. */
extern gt_charinfo gt_chars_low[0x800];

/*
 * Characters from U+0800 up are computed when first seen and cached here:
 * direct mapped on the low bits of the code point, so that neighbours in a
 * script (a Chinese text's characters) share no slot.  The hit is inline;
 * CJK text asks for every character.
 */
#define GT_CHAR_CACHE_SIZE 16384

typedef struct gt_char_cache_entry
{
	uint32_t	cp;				/* 0 = empty (U+0000 is in the low table) */
	gt_charinfo info;
} gt_char_cache_entry;

extern gt_char_cache_entry gt_char_cache[GT_CHAR_CACHE_SIZE];

/* Computes and caches cp's information (a cache miss). */
const gt_charinfo *gt_char_info_slow(uint32_t cp);

/* Information on any code point (gt_chars_init must have succeeded). */
static inline const gt_charinfo *
gt_char_info(uint32_t cp)
{
	const gt_char_cache_entry *e;

	if (cp < 0x800)
		return &gt_chars_low[cp];
	e = &gt_char_cache[cp & (GT_CHAR_CACHE_SIZE - 1)];
	return e->cp == cp ? &e->info : gt_char_info_slow(cp);
}

/*
 * Decodes one UTF-8 sequence at s (n > 0 bytes available); returns its length
 * and stores the code point.  An invalid or truncated sequence decodes as
 * U+FFFD of length 1, so that every byte is consumed exactly once.
 */
static inline int
gt_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80)
	{
		*cp = ((uint32_t) (c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF && n >= 3 &&
		(s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
	{
		uint32_t	v = ((uint32_t) (c & 0x0F) << 12) |
			((uint32_t) (s[1] & 0x3F) << 6) | (s[2] & 0x3F);

		if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF))
		{
			*cp = v;
			return 3;
		}
	}
	else if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 &&
			 (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80)
	{
		uint32_t	v = ((uint32_t) (c & 0x07) << 18) |
			((uint32_t) (s[1] & 0x3F) << 12) |
			((uint32_t) (s[2] & 0x3F) << 6) | (s[3] & 0x3F);

		if (v >= 0x10000 && v <= 0x10FFFF)
		{
			*cp = v;
			return 4;
		}
	}
	*cp = 0xFFFD;
	return 1;
}

#endif
