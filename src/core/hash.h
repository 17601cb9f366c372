/*
 * hash.h — the one hash function of folded tokens, and their comparison.
 *
 * The generator and the matcher must hash identically, so both include this.
 * It reads eight bytes at a time (tokens are short: one or two rounds), which
 * is what keeps the per-word cost of the hot path small.
 */
#ifndef GT_HASH_H
#define GT_HASH_H

#include <stdint.h>
#include <string.h>

#define GT_HASH_MUL 0x9E3779B97F4A7C15ULL
#define GT_HASH_SEED 0x243F6A8885A308D3ULL

/* One eight-byte round (the last one zero-padded). */
static inline uint64_t
gt_hash_round(uint64_t h, uint64_t w)
{
	h = (h ^ w) * GT_HASH_MUL;
	return h ^ (h >> 31);
}

/*
 * The final mix, with the length last: a reader that does not know a word's
 * length before its end can hash it as it goes.  Never returns 0 (0 marks an
 * empty hash-table slot).
 */
static inline uint64_t
gt_hash_finish(uint64_t h, uint32_t len)
{
	h ^= len;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 29;
	return h ? h : 1;
}

/* The rounds over the full eight-byte words of s; *rest gets the tail length. */
static inline uint64_t
gt_hash_words(const char *s, uint32_t len, uint32_t *rest)
{
	uint64_t	h = GT_HASH_SEED;
	uint64_t	w;

	for (; len >= 8; s += 8, len -= 8)
	{
		memcpy(&w, s, 8);
		h = gt_hash_round(h, w);
	}
	*rest = len;
	return h;
}

static inline uint64_t
gt_hash(const char *s, uint32_t len)
{
	uint32_t	rest;
	uint64_t	h = gt_hash_words(s, len, &rest);
	uint64_t	w = 0;

	if (rest > 0)
	{
		memcpy(&w, s + len - rest, rest);
		h = gt_hash_round(h, w);
	}
	return gt_hash_finish(h, len);
}

/*
 * The same hash, for a buffer that may be read 8 bytes past len (the
 * tokenizer's fold slots have that slack): the tail is a masked load
 * instead of a variable-length copy.  gt_hash_padded(s, n) == gt_hash(s, n).
 */
static inline uint64_t
gt_hash_padded(const char *s, uint32_t len)
{
	uint32_t	rest;
	uint64_t	h = gt_hash_words(s, len, &rest);
	uint64_t	w;

	if (rest > 0)
	{
		memcpy(&w, s + len - rest, 8);
		w &= ((uint64_t) 1 << (8 * rest)) - 1;
		h = gt_hash_round(h, w);
	}
	return gt_hash_finish(h, len);
}

/*
 * Are the n bytes at a and b the same?  memcmp, inline: tokens are short
 * (most fit in eight bytes), and a call per lookup showed in profiles.
 * Reads nothing past a + n or b + n.
 */
static inline int
gt_same_bytes(const char *a, const char *b, uint32_t n)
{
	for (; n >= 8; a += 8, b += 8, n -= 8)
	{
		uint64_t	x,
					y;

		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	if (n >= 4)
	{
		/* two four-byte loads that overlap cover 4 to 7 bytes */
		uint32_t	x1,
					y1,
					x2,
					y2;

		memcpy(&x1, a, 4);
		memcpy(&y1, b, 4);
		memcpy(&x2, a + n - 4, 4);
		memcpy(&y2, b + n - 4, 4);
		return x1 == y1 && x2 == y2;
	}
	/* 0 to 3 bytes: the first, middle and last cover them */
	return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

/* The hash of a pair of token hashes (for the pair bloom filter). */
static inline uint64_t
gt_pair_hash(uint64_t first, uint64_t second)
{
	uint64_t	h = (first * 0xC2B2AE3D27D4EB4FULL) ^ second;

	return h ^ (h >> 33);
}

#endif
