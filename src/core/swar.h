/*
 * swar.h — eight bytes at once in a 64-bit word (SWAR), for the tokenizer's
 * ASCII fast paths and the benchmark's reference word filter.
 */
#ifndef GT_SWAR_H
#define GT_SWAR_H

#include <stdint.h>

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

/*
 * High bit of each byte of y set where lo <= byte <= hi.  For bytes below
 * 0x80 only (no carries): callers clear the high bits first.
 */
static inline uint64_t
swar_in_range(uint64_t y, unsigned lo, unsigned hi)
{
	uint64_t	ge = y + ONES * (0x80 - lo);
	uint64_t	gt = y + ONES * (0x7F - hi);

	return ge & ~gt & HIGHS;
}

#endif
