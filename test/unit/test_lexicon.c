/*
 * test_lexicon.c — lookups in the compiled lexicon find every token by its
 * folded text and nothing else: the comparison of texts is done inline, in
 * eight-, four- and one-byte pieces, so every length must be right.  Texts
 * are copied into buffers of their exact size, so that the sanitized build
 * catches a read past their end.
 */
#include <stdlib.h>

#include "hash.h"
#include "tokenize.h"
#include "unit.h"

void
test_lexicon(void)
{
	const gt_lexicon *lex = &gt_builtin_lexicon;
	uint32_t	id;
	int			all_found = 1,
				none_wrong = 1;

	for (id = 0; id < lex->n_token_ids; id++)
	{
		const gt_lex_token_info *info = &lex->token_info[id];
		uint32_t	len = info->len,
					k;
		char	   *text = malloc(len ? len : 1);

		memcpy(text, lex->strings + info->text, len);
		if (gt_lex_lookup(lex, gt_hash(text, len), text, len) != (int32_t) id)
		{
			all_found = 0;
			fprintf(stderr, "token %u (%.*s) not found\n", id, (int) len, text);
		}
		/* the same text with one byte changed is another token or none */
		for (k = 0; k < len; k++)
		{
			int32_t		other;

			text[k] ^= 0x01;
			other = gt_lex_lookup(lex, gt_hash(text, len), text, len);
			if (other == (int32_t) id ||
				(other >= 0 &&
				 (lex->token_info[other].len != len ||
				  memcmp(lex->strings + lex->token_info[other].text, text, len) != 0)))
			{
				none_wrong = 0;
				fprintf(stderr, "token %u changed at byte %u found as %d\n", id, k, other);
			}
			text[k] ^= 0x01;
		}
		free(text);
	}
	CHECK(all_found, "every token of the lexicon is found by its text");
	CHECK(none_wrong, "a token's text with one byte changed is not taken for it");
	CHECK(lex->n_token_ids > 1000, "the lexicon has tokens (%u)", lex->n_token_ids);
}

/*
 * The comparison itself: a lookup reaches it only when two texts share a
 * hash slot and check, so it is tested here on its own, at every length a
 * token can have and with every byte changed in turn.
 */
void
test_same_bytes(void)
{
	uint32_t	n,
				k;
	int			equal_ok = 1,
				differ_ok = 1;

	for (n = 0; n <= GT_TOKEN_MAX + 8; n++)
	{
		char	   *a = malloc(n ? n : 1),
				   *b = malloc(n ? n : 1);

		for (k = 0; k < n; k++)
			a[k] = b[k] = (char) ('a' + (k * 7) % 26);
		if (!gt_same_bytes(a, b, n))
			equal_ok = 0;
		for (k = 0; k < n; k++)
		{
			b[k] ^= 0x20;
			if (gt_same_bytes(a, b, n))
			{
				differ_ok = 0;
				fprintf(stderr, "same_bytes: length %u, byte %u changed, taken as equal\n", n, k);
			}
			b[k] ^= 0x20;
		}
		free(a);
		free(b);
	}
	CHECK(equal_ok, "equal texts of every length are equal");
	CHECK(differ_ok, "texts differing in any one byte are not");
}
