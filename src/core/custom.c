/*
 * custom.c — users' own actors: phrases given at run time (through SQL),
 * matched over every word of a text next to the built-in lexicon.
 *
 * The built-in lexicon is compiled into tries and bloom filters at build
 * time; users' aliases arrive as rows, a few hundred or thousand, and change
 * whenever a user edits them.  They get a simpler structure built in
 * milliseconds: each alias is tokenized and folded by the same tokenizer,
 * and indexed by the hash of its first word.  Matching walks every word of
 * the text (the document keeps every word in this mode), so an alias never
 * depends on what the built-in lexicon knows.
 */
#include "core.h"

#include <string.h>

#include "hash.h"

/* One alias: its words' hashes and folded text. */
typedef struct custom_phrase
{
	uint32_t	actor;			/* the caller's actor number */
	uint32_t	ntok;
	uint32_t	first_tok;		/* in hashes / offsets */
	int			upper;			/* written in capitals: must be in capitals */
	uint32_t	next;			/* next phrase with the same first hash, +1 */
} custom_phrase;

struct gt_custom
{
	const gt_lexicon *lex;		/* for its abbreviations (gt_custom_add) */
	const gt_allocator *alloc;
	custom_phrase *phrases;
	uint32_t	nphrases,
				cap_phrases;
	uint64_t   *hashes;			/* per word of every phrase */
	uint32_t	nhashes,
				cap_hashes;
	uint32_t   *heads;			/* first-word hash → phrase + 1 (0: none) */
	uint32_t	head_mask;
	uint32_t	max_words;
};

/* Grows an array allocated with alloc to hold at least n elements. */
static void *
grow(const gt_allocator *a, void *arr, size_t elem, uint32_t *cap, uint32_t n)
{
	void	   *bigger;
	uint32_t	newcap = *cap ? *cap : 64;

	if (n <= *cap)
		return arr;
	while (newcap < n)
		newcap *= 2;
	bigger = a->alloc(elem * newcap, a->arg);
	if (arr)
	{
		memcpy(bigger, arr, elem * *cap);
		a->release(arr, a->arg);
	}
	*cap = newcap;
	return bigger;
}

/* See core.h. */
gt_custom *
gt_custom_create(const gt_lexicon *lex, const gt_allocator *alloc)
{
	gt_custom  *c = alloc->alloc(sizeof(gt_custom), alloc->arg);

	memset(c, 0, sizeof(*c));
	c->lex = lex;
	c->alloc = alloc;
	c->head_mask = 1023;
	c->heads = alloc->alloc(sizeof(uint32_t) * (c->head_mask + 1), alloc->arg);
	memset(c->heads, 0, sizeof(uint32_t) * (c->head_mask + 1));
	return c;
}

/* See core.h. */
void
gt_custom_destroy(gt_custom *c)
{
	const gt_allocator *a = c->alloc;

	if (c->phrases)
		a->release(c->phrases, a->arg);
	if (c->hashes)
		a->release(c->hashes, a->arg);
	a->release(c->heads, a->arg);
	a->release(c, a->arg);
}

/* Rebuilds the first-word index at twice the size. */
static void
rehash(gt_custom *c)
{
	const gt_allocator *a = c->alloc;
	uint32_t	i;

	a->release(c->heads, a->arg);
	c->head_mask = c->head_mask * 2 + 1;
	c->heads = a->alloc(sizeof(uint32_t) * (c->head_mask + 1), a->arg);
	memset(c->heads, 0, sizeof(uint32_t) * (c->head_mask + 1));
	for (i = 0; i < c->nphrases; i++)
	{
		uint32_t	slot = gt_slot(c->hashes[c->phrases[i].first_tok], c->head_mask);

		c->phrases[i].next = c->heads[slot];
		c->heads[slot] = i + 1;
	}
}

/* Buffers of read_alias (one alias at a time: not reentrant). */
static gt_token alias_toks[GT_SENTENCE_MAX];
static char alias_fold[GT_FOLD_BUFFER_SIZE];

/*
 * Reads alias into *s (its tokens in alias_toks) as texts are read with
 * lex, and says whether it is one phrase.
 */
static gt_custom_error
read_alias(const gt_lexicon *lex, const char *alias, size_t len, gt_sentence *s)
{
	gt_tokenizer tk;
	gt_sentence more;
	uint32_t	i;

	/* the lexicon for its abbreviations only: texts are read with it, and
	 * `Gen.` must end a sentence in both or in neither */
	gt_core_failure_clear();
	gt_tokenizer_init(&tk, lex, alias, len, alias_toks, alias_fold);
	tk.keep_all = 1;
	if (!gt_tokenizer_next(&tk, s) || s->ntokens == 0)
		return GT_CUSTOM_NO_WORD;
	if (gt_tokenizer_next(&tk, &more))
		return GT_CUSTOM_SENTENCES;
	if (s->ntokens > GT_CUSTOM_MAX_WORDS)
		return GT_CUSTOM_TOO_MANY_WORDS;
	for (i = 0; i < s->ntokens; i++)
		if (s->tokens[i].flags & GT_TF_LONG)
			return GT_CUSTOM_LONG_WORD;
	for (i = 0; i + 1 < s->ntokens; i++)
		if (!(s->tokens[i].flags & GT_TF_JOIN_NEXT))
			return GT_CUSTOM_PUNCTUATION;
	return GT_CUSTOM_OK;
}

/* See core.h. */
gt_custom_error
gt_custom_check(const gt_lexicon *lex, const char *alias, size_t len)
{
	gt_sentence s;

	return read_alias(lex, alias, len, &s);
}

/* See core.h. */
gt_custom_error
gt_custom_add(gt_custom *c, const char *alias, size_t len, uint32_t actor)
{
	const gt_token *toks = alias_toks;
	gt_sentence s;
	gt_custom_error e;
	uint32_t	i,
				slot;
	custom_phrase *p;
	int			letters_upper = 1;

	if ((e = read_alias(c->lex, alias, len, &s)) != GT_CUSTOM_OK)
		return e;
	for (i = 0; i < s.ntokens; i++)
		letters_upper &= (toks[i].flags & GT_TF_UPPER) != 0 && toks[i].flen >= 2;

	c->phrases = grow(c->alloc, c->phrases, sizeof(custom_phrase), &c->cap_phrases,
					  c->nphrases + 1);
	c->hashes = grow(c->alloc, c->hashes, sizeof(uint64_t), &c->cap_hashes,
					 c->nhashes + s.ntokens);
	p = &c->phrases[c->nphrases];
	p->actor = actor;
	p->ntok = s.ntokens;
	p->first_tok = c->nhashes;
	p->upper = letters_upper;
	for (i = 0; i < s.ntokens; i++)
		c->hashes[c->nhashes++] = gt_hash(gt_token_fold(&s, i), toks[i].flen);
	slot = gt_slot(c->hashes[p->first_tok], c->head_mask);
	p->next = c->heads[slot];
	c->heads[slot] = ++c->nphrases;
	if (s.ntokens > c->max_words)
		c->max_words = s.ntokens;
	if (c->nphrases * 2 > c->head_mask)
		rehash(c);
	return GT_CUSTOM_OK;
}

/* Does phrase p match the words of s from i on?  Returns its length or 0. */
static uint32_t
phrase_at(const gt_custom *c, const custom_phrase *p, const gt_sentence *s,
		  const uint64_t *h, uint32_t i)
{
	uint32_t	k;

	if (i + p->ntok > s->ntokens)
		return 0;
	for (k = 0; k < p->ntok; k++)
	{
		const gt_token *t = &s->tokens[i + k];

		if (h[i + k] != c->hashes[p->first_tok + k] || (t->flags & GT_TF_LONG))
			return 0;			/* (a long word was folded in part only) */
		if (p->upper && !(t->flags & GT_TF_UPPER))
			return 0;
		if (k + 1 < p->ntok && !(t->flags & GT_TF_JOIN_NEXT))
			return 0;
	}
	return p->ntok;
}

/* See core.h. */
uint32_t
gt_doc_entities_custom(gt_doc *doc, const gt_custom *c, const char *text,
					   size_t len, uint8_t *present, uint8_t *custom_present)
{
	const gt_lexicon *lex = gt_doc_lexicon(doc);
	const gt_sentence *s;
	const gt_mention *m;
	uint32_t	nm,
				k,
				count = 0;
	uint64_t	h[GT_SENTENCE_MAX]; /* on the stack: a call cut short by a
									 * cancel must leave nothing behind */

	gt_doc_keep_all(doc, 1);
	gt_doc_start(doc, text, len);
	while (gt_doc_next(doc, &s, &m, &nm))
	{
		uint32_t	i = 0;

		count += gt_mark_mentions(lex, m, nm, 0, present);
		for (k = 0; k < s->ntokens; k++)
			h[k] = gt_hash_padded(gt_token_fold(s, k), s->tokens[k].flen);
		/* the longest alias at each word, then on after it */
		while (i < s->ntokens)
		{
			uint32_t	idx = c->heads[gt_slot(h[i], c->head_mask)],
						best = 0;

			uint32_t	first = idx;

			for (; idx; idx = c->phrases[idx - 1].next)
			{
				uint32_t	n = phrase_at(c, &c->phrases[idx - 1], s, h, i);

				if (n > best)
					best = n;
			}
			/* every actor of the longest alias here (two may share one) */
			for (idx = first; best && idx; idx = c->phrases[idx - 1].next)
				if (phrase_at(c, &c->phrases[idx - 1], s, h, i) == best)
					custom_present[c->phrases[idx - 1].actor] = 1;
			i += best ? best : 1;
		}
	}
	gt_doc_keep_all(doc, 0);
	return count;
}
