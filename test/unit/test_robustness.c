/*
 * test_robustness.c — inputs that must not crash or mislead: empty,
 * invalid UTF-8, huge tokens, endless sentences, every plane, random bytes.
 */
#include <stdlib.h>

#include "core.h"
#include "unit.h"

/* Runs the whole pipeline over len bytes; returns the number of mentions
 * and checks every offset is inside the text and ordered. */
static uint32_t
run(const char *text, size_t len, int *bad)
{
	gt_doc	   *doc = ut_doc;
	const gt_sentence *s;
	const gt_mention *m;
	uint32_t	nm,
				k,
				total = 0;

	*bad = 0;
	gt_doc_start(doc, text, len);
	while (gt_doc_next(doc, &s, &m, &nm))
	{
		for (k = 0; k < s->ntokens; k++)
			if (s->tokens[k].end > len || s->tokens[k].start >= s->tokens[k].end ||
				s->tokens[k].cstart > s->tokens[k].cend)
				(*bad)++;
		for (k = 0; k < nm; k++)
			if (m[k].end > len || m[k].start >= m[k].end)
				(*bad)++;
		total += nm;
	}
	return total;
}

/* A small deterministic generator: tests are reproducible. */
static uint32_t
next_random(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

void
test_robustness(void)
{
	int			bad;
	size_t		i;
	char	   *big;
	uint32_t	rnd = 2463534242u;

	CHECK(run("", 0, &bad) == 0 && !bad, "empty text");
	CHECK(run("   \n\t  ", 7, &bad) == 0 && !bad, "whitespace only");
	CHECK(run("\xff\xfe\x80 Chine \xc3", 12, &bad) == 1 && !bad, "invalid UTF-8 around a name");
	CHECK(run("\xe4\xb8", 2, &bad) == 0 && !bad, "truncated sequence");

	/* 1 MB single token, then a name */
	big = malloc(1024 * 1024 + 16);
	memset(big, 'a', 1024 * 1024);
	memcpy(big + 1024 * 1024, " Chine", 7);
	CHECK(run(big, strlen(big), &bad) == 1 && !bad, "1 MB token then a name");
	/* words after words, each a letter and a long run of two-byte combining
	 * marks (they fold to nothing): the word readers must stop at the end */
	for (i = 0; i + 2 <= 1024 * 1024; i += 2)
		memcpy(big + i, i % 4096 == 0 ? " a" : "\xcc\x81", 2);
	memcpy(big + i, " Chine", 7);
	CHECK(run(big, strlen(big), &bad) == 1 && !bad, "letters with 2,047 combining marks each, then a name");
	/* a sentence of 100k words with no period: cut into bounded sentences */
	for (i = 0; i + 6 <= 1024 * 1024; i += 6)
		memcpy(big + i, "Chine ", 6);
	big[i] = '\0';
	CHECK(run(big, strlen(big), &bad) == (uint32_t) (i / 6) && !bad,
		  "an endless sentence: every name found");
	/* one code point from each of the 17 planes, and the surrogate gap */
	{
		char		buf[256];
		size_t		n = 0;
		uint32_t	plane;

		for (plane = 0; plane <= 16; plane++)
		{
			uint32_t	cp = plane * 0x10000 + 0x41;

			if (cp < 0x80)
				buf[n++] = (char) cp;
			else
			{
				buf[n++] = (char) (0xF0 | (cp >> 18));
				buf[n++] = (char) (0x80 | ((cp >> 12) & 0x3F));
				buf[n++] = (char) (0x80 | ((cp >> 6) & 0x3F));
				buf[n++] = (char) (0x80 | (cp & 0x3F));
			}
			buf[n++] = ' ';
		}
		memcpy(buf + n, "\xed\xa0\x80 Iran", 8);	/* an encoded surrogate */
		n += 8;
		CHECK(run(buf, n, &bad) == 1 && !bad, "all planes, then a name");
	}
	/* combining marks, right-to-left, emoji with joiners, U+FFFD */
	CHECK(run("\xcc\x81\xcc\x81 Chine", 10, &bad) == 1 && !bad, "leading combining marks");
	CHECK(run("\xe2\x80\x8f\xd8\xa7\xd9\x84\xd8\xb5\xd9\x8a\xd9\x86\xe2\x80\x8f", 16, &bad) == 1 && !bad,
		  "right-to-left marks around an Arabic name");
	CHECK(run("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 Iran", 16, &bad) == 1 && !bad,
		  "emoji with a zero-width joiner");
	CHECK(run("\xef\xbf\xbd" "Iran\xef\xbf\xbd", 10, &bad) == 1 && !bad, "replacement characters");
	CHECK(run("Chine\xe4\xb8\xad\xe5\x9b\xbd" "abc", 14, &bad) == 2 && !bad, "mixed scripts in one word: one name per script");

	/* random bytes and random UTF-8: no crash, offsets sane */
	{
		int			random_bad = 0;

	for (i = 0; i < 200; i++)
	{
		size_t		n = next_random(&rnd) % 4096,
					k;

		for (k = 0; k < n; k++)
		{
			uint32_t	r = next_random(&rnd);

			big[k] = (char) (i % 2 ? (char) r : " .-'aAeE\xc3\xa9\xe4\xb8\xadUS"[r % 15]);
		}
		run(big, n, &bad);
		random_bad += bad;
	}
	CHECK(!random_bad, "random inputs: %d offsets out of range", random_bad);
	}
	free(big);
}
