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

/* Does alias a look at the word before its phrase (match.c: alias_holds)? */
static int
looks_before(const gt_lexicon *lex, const gt_lex_alias *a)
{
	if ((a->flags & GT_ALIASF_ALONE) && a->via == GT_VIA_SURNAME)
		return 1;
	return a->context >= 0 &&
		(lex->contexts[a->context].prev_cap || lex->contexts[a->context].prev_count > 0);
}

/*
 * GT_TOKF_LOOKS_BEFORE, from the trie itself: a token has it exactly when a
 * state of the phrases it starts has an alias that looks at the word before
 * the phrase.  The tokenizer keeps that word only for such tokens, so a
 * token that lacks the flag would lose a surname's or a context rule's
 * neighbour (the matcher would count `Washington` in `Denzel Washington`).
 */
void
test_looks_before(void)
{
	const gt_lexicon *lex = &gt_builtin_lexicon;
	uint32_t   *parent = calloc(lex->n_states + 1, sizeof(uint32_t));
	int32_t    *root_token = malloc(sizeof(int32_t) * (lex->n_states + 1));
	uint8_t    *want = calloc(lex->n_token_ids, 1);
	uint32_t	s,
				i,
				flagged = 0;
	int			all_agree = 1;

	for (s = 0; s <= lex->n_states; s++)
		root_token[s] = -1;
	for (i = 0; i < lex->n_token_ids; i++)
		if (lex->token_info[i].root != 0)
			root_token[lex->token_info[i].root] = (int32_t) i;
	for (i = 0; i <= lex->edge_mask; i++)
		if (lex->edges[i].key != 0)
			parent[lex->edges[i].to] = gt_edge_from(lex->edges[i].key);
	for (s = 1; s < lex->n_states; s++)
	{
		const gt_lex_state *st = &lex->states[s];
		uint32_t	k,
					r = s;
		int			any = 0;

		for (k = 0; k < st->alias_count; k++)
			any |= looks_before(lex, &lex->aliases[st->alias_first + k]);
		if (!any)
			continue;
		while (parent[r] != 0)
			r = parent[r];
		if (root_token[r] < 0)
		{
			all_agree = 0;
			fprintf(stderr, "state %u: no token starts its phrases\n", s);
			continue;
		}
		want[root_token[r]] = 1;
	}
	for (i = 0; i < lex->n_token_ids; i++)
	{
		int			has = (lex->token_info[i].flags & GT_TOKF_LOOKS_BEFORE) != 0;

		flagged += has;
		if (has != want[i])
		{
			all_agree = 0;
			fprintf(stderr, "token %u (%.*s): LOOKS_BEFORE %d, its phrases say %d\n", i,
					(int) lex->token_info[i].len, lex->strings + lex->token_info[i].text,
					has, want[i]);
		}
	}
	CHECK(all_agree, "a token looks before exactly when a form of its phrases does");
	CHECK(flagged > 100 && flagged < lex->n_token_ids / 2,
		  "some tokens look before, most do not (%u of %u)", flagged, lex->n_token_ids);
	free(parent);
	free(root_token);
	free(want);
}

/* Does token id pass the prefilter bits?  If not, says so on stderr. */
static int
token_passes(const gt_lexicon *lex, const uint64_t *bits, uint32_t id)
{
	const gt_lex_token_info *info = &lex->token_info[id];
	char		head[GT_TOKEN_MAX + 8] = {0};

	memcpy(head, lex->strings + info->text, info->len);
	if (gt_prefilter_has(bits, head, info->len))
		return 1;
	fprintf(stderr, "token %u (%.*s) rejected by a prefilter\n", id, (int) info->len, head);
	return 0;
}

/* Bits set in a prefilter. */
static uint32_t
bits_set(const uint64_t *bits)
{
	uint32_t	k,
				set = 0;

	for (k = 0; k < GT_PREFILTER_BITS / 64; k++)
		set += (uint32_t) __builtin_popcountll(bits[k]);
	return set;
}

/*
 * The word prefilter lets through every token the quiet-word loop must not
 * skip unhashed: those that start a phrase and the abbreviations.  And it
 * rejects most other words, or it would not pay: at most one slot in ten
 * is set.
 */
void
test_prefilter(void)
{
	const gt_lexicon *lex = &gt_builtin_lexicon;
	uint32_t	id,
				set = bits_set(lex->prefilter);
	int			all_pass = 1;

	for (id = 0; id < lex->n_token_ids; id++)
		if (lex->token_info[id].root != 0 || (lex->token_info[id].flags & GT_TOKF_ABBREV))
			all_pass &= token_passes(lex, lex->prefilter, id);
	CHECK(all_pass, "every token that starts a phrase or is an abbreviation passes the prefilter");
	CHECK(set > 0 && set < GT_PREFILTER_BITS / 10, "the prefilter has %u of %u bits set",
		  set, GT_PREFILTER_BITS);
}

/*
 * The second prefilter lets through every token that follows a first token
 * in the trie (each pair the pair bloom may be asked about): read from the
 * trie's edges, not from the generator's own list.
 */
void
test_second_prefilter(void)
{
	const gt_lexicon *lex = &gt_builtin_lexicon;
	uint8_t    *quiet_root = calloc(lex->n_states + 1, 1);
	uint32_t	i,
				pairs = 0,
				set = bits_set(lex->second_prefilter);
	int			all_pass = 1;

	/* the root states of the first tokens the quiet-word loop passes over:
	 * no phrase by themselves, or only in capitals */
	for (i = 0; i < lex->n_token_ids; i++)
	{
		uint32_t	root = lex->token_info[i].root;
		uint8_t		f = lex->token_info[i].flags;

		if (root != 0 && root <= lex->n_states &&
			(!(f & GT_TOKF_ALONE) || (f & GT_TOKF_UPPER_ONLY)))
			quiet_root[root] = 1;
	}
	for (i = 0; i <= lex->edge_mask; i++)
	{
		uint64_t	key = lex->edges[i].key;
		uint32_t	from = gt_edge_from(key);

		if (key == 0 || from > lex->n_states || !quiet_root[from])
			continue;
		pairs++;
		all_pass &= token_passes(lex, lex->second_prefilter, gt_edge_token(key));
	}
	free(quiet_root);
	CHECK(pairs > 1000 && all_pass,
		  "every second token of the %u pairs after a first token passes the second prefilter", pairs);
	CHECK(set > 0 && set < GT_PREFILTER_BITS / 10, "the second prefilter has %u of %u bits set",
		  set, GT_PREFILTER_BITS);
}
