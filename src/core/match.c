/*
 * match.c — the longest lexicon phrase at each token, under its conditions.
 *
 * From each token that can start a phrase, the matcher walks the trie over
 * the following tokens of the same phrase (JOIN_NEXT) and keeps the longest
 * phrase whose alias conditions hold: case (`US` not `us`), prefix-only forms
 * (`sino` needs a hyphen), neighbour words (`Denzel Washington`).  A blocker
 * (`New Mexico`) is a phrase like any other: it wins by length and yields
 * nothing.  Matching resumes after the phrase.
 */
#include "core.h"

#include <stddef.h>

/* Is token id tok one of the n ids at list? */
static int
in_list(const int32_t *list, uint32_t n, int32_t tok)
{
	uint32_t	i;

	for (i = 0; i < n; i++)
		if (list[i] == tok)
			return 1;
	return 0;
}

#define CAPITALISED (GT_TF_CAP | GT_TF_NOCASE)

/*
 * Do the conditions of alias a hold for tokens [i, j]?  seen[e] is set when
 * the document named actor e in full before (NULL: nothing was).
 */
static int
alias_holds(const gt_lexicon *lex, const gt_lex_alias *a,
			gt_sentence *s, uint32_t i, uint32_t j, const uint8_t *seen)
{
	const gt_token *t = s->tokens;

	if ((a->flags & GT_ALIASF_AFTER_FULL) && (!seen || !seen[a->entity]))
		return 0;
	if ((a->flags & GT_ALIASF_MID_SENTENCE) && (t[i].flags & GT_TF_SENT_START) &&
		(!seen || !seen[a->entity]))
		return 0;
	if (a->casemode == GT_CASE_LAST_CAP && !(t[j].flags & CAPITALISED))
		return 0;
	if (a->casemode == GT_CASE_FIRST_CAP && !(t[i].flags & CAPITALISED))
		return 0;
	if (a->flags & GT_ALIASF_ALONE)
	{
		/* a surname stands alone: the next word, or for a bare surname the
		 * word before, is no capitalised word of the same name */
		if (j + 1 < s->ntokens &&
			(t[j].flags & (GT_TF_JOIN_NEXT | GT_TF_HYPHEN_NEXT)) == GT_TF_JOIN_NEXT &&
			(t[j + 1].flags & GT_TF_CAP))
			return 0;
		if (a->via == GT_VIA_SURNAME && i > 0 &&
			(t[i - 1].flags & (GT_TF_JOIN_NEXT | GT_TF_HYPHEN_NEXT)) == GT_TF_JOIN_NEXT &&
			(t[i - 1].flags & GT_TF_CAP) && !(t[i - 1].flags & GT_TF_SENT_START))
			return 0;
	}

	if ((a->flags & GT_ALIASF_PREFIX) && !(t[j].flags & GT_TF_HYPHEN_NEXT))
		return 0;
	/* `La Réunion`: the name's own word must be capitalised, not just `La` */
	if (a->casemode == GT_CASE_CAP &&
		(!(t[i].flags & CAPITALISED) || !(t[j].flags & CAPITALISED)))
		return 0;
	if (a->casemode == GT_CASE_UPPER)
	{
		uint32_t	k;

		for (k = i; k <= j; k++)
			if (!(t[k].flags & GT_TF_UPPER))
				return 0;
	}
	if (a->context >= 0)
	{
		const gt_lex_context *c = &lex->contexts[a->context];

		/* neighbours are words of the same phrase, not across a hyphen:
		 * `Denzel Washington`, but `Paris-Washington` */
		if (i > 0 && (t[i - 1].flags & (GT_TF_JOIN_NEXT | GT_TF_HYPHEN_NEXT)) == GT_TF_JOIN_NEXT)
		{
			const gt_token *p = &t[i - 1];

			if (c->prev_cap && (p->flags & GT_TF_CAP) &&
				!(p->flags & GT_TF_SENT_START))
				return 0;
			if (c->prev_count > 0 && gt_token_id(lex, s, i - 1) >= 0 &&
				in_list(lex->ctx_tokens + c->prev_first, c->prev_count, p->id))
				return 0;
		}
		if (j + 1 < s->ntokens &&
			(t[j].flags & (GT_TF_JOIN_NEXT | GT_TF_HYPHEN_NEXT)) == GT_TF_JOIN_NEXT)
		{
			const gt_token *n = &t[j + 1];

			if (c->next_cap && (n->flags & GT_TF_CAP))
				return 0;
			if (c->next_count > 0 && gt_token_id(lex, s, j + 1) >= 0 &&
				in_list(lex->ctx_tokens + c->next_first, c->next_count, n->id))
				return 0;
		}
	}
	return 1;
}

/* The first alias of state that holds for [i, j], or NULL. */
static const gt_lex_alias *
accepting_alias(const gt_lexicon *lex, uint32_t state, gt_sentence *s,
				uint32_t i, uint32_t j, const uint8_t *seen)
{
	const gt_lex_state *st = &lex->states[state];
	uint32_t	k;

	for (k = 0; k < st->alias_count; k++)
	{
		const gt_lex_alias *a = &lex->aliases[st->alias_first + k];

		if (alias_holds(lex, a, s, i, j, seen))
			return a;
	}
	return NULL;
}

/* See core.h. */
uint32_t
gt_match_sentence(const gt_lexicon *lex, gt_sentence *s, gt_mention *out,
				  uint8_t *seen)
{
	const gt_token *t = s->tokens;
	uint32_t	n = s->ntokens;
	uint32_t	nout = 0;
	uint32_t	i = 0;

	while (i < n)
	{
		uint32_t	state,
					j,
					best_end = 0;
		const gt_lex_alias *best = NULL;

		if (t[i].id < 0 || (state = lex->token_info[t[i].id].root) == 0)
		{
			i++;
			continue;
		}
		for (j = i;; j++)
		{
			const gt_lex_alias *a = accepting_alias(lex, state, s, i, j, seen);

			if (a)
			{
				best = a;
				best_end = j;
			}
			if (j + 1 >= n || !(t[j].flags & GT_TF_JOIN_NEXT) ||
				gt_token_id(lex, s, j + 1) < 0)
				break;
			state = gt_lex_step(lex, state, t[j + 1].id);
			if (state == 0)
				break;
		}
		if (!best)
		{
			i++;
			continue;
		}
		if (best->entity >= 0)
		{
			gt_mention *m = &out[nout++];

			m->entity = best->entity;
			m->via = best->via;
			m->first_token = i;
			m->last_token = best_end;
			m->start = t[i].start;
			m->end = t[best_end].end;
			m->cstart = t[i].cstart;
			m->cend = t[best_end].cend;
			/* a full name, or a title with an unambiguous surname, lets the
			 * surname alone count from now on */
			if (seen && (best->via == GT_VIA_NAME ||
						 (best->via == GT_VIA_TITLE && !(best->flags & GT_ALIASF_AFTER_FULL))))
				seen[best->entity] = 1;
		}
		i = best_end + 1;
	}
	return nout;
}
