/*
 * tokenize.c — one pass over UTF-8 text: sentences, tokens, folded forms.
 *
 * The loop reads ASCII bytes through a table (no decoding, no ICU) and only
 * decodes non-ASCII characters, whose class and fold come from chars.c.  Each
 * word is folded into a fixed slot and looked up in the lexicon as soon as it
 * ends; most words miss the bloom filter and cost nothing more.
 *
 * Between two tokens the loop keeps a small record of what it skipped (the
 * gap): spaces, newlines, hyphens, apostrophes, punctuation, a sentence
 * terminal.  The gap decides whether the tokens belong to one phrase
 * (`Maison-Blanche`, `l'Inde`, `Costa Rica`) and whether a sentence ends.
 */
#include "tokenize.h"

#include <string.h>

#include "chars.h"
#include "hash.h"

/* Bytes between two calls of the check callback. */
#define CHECK_EVERY ((size_t) 256 * 1024)

/* What lies between the previous token and the next one. */
typedef struct gap
{
	int			spaces;
	int			newlines;
	int			hyphens;
	int			apos;
	int			punct;			/* anything else, terminals included */
	int			term;			/* 0 none, 1 may end a sentence, 2 ends it */
	int			term_adjacent;	/* the terminal touches the previous token */
	int			space_after_term;
	uint32_t	term_char;
} gap;

/* See tokenize.h. */
void
gt_tokenizer_init(gt_tokenizer *tk, const gt_lexicon *lex,
				  const char *text, size_t len, gt_token *tokens, char *fold)
{
	memset(tk, 0, sizeof(*tk));
	tk->lex = lex;
	tk->text = (const unsigned char *) text;
	tk->len = len;
	tk->tokens = tokens;
	tk->fold = fold;
	tk->next_check = CHECK_EVERY;
}

/* Does the previous token end in an abbreviation's period (`M.`, `Gen.`)? */
static int
is_abbreviation(const gt_tokenizer *tk, const gt_token *prev)
{
	if (prev->flags & GT_TF_ACRONYM)
		return 1;
	if (prev->cend - prev->cstart == 1 && (prev->flags & GT_TF_CAP))
		return 1;				/* an initial: `George W. Bush`, not `3.5` */
	if (tk->lex && prev->id >= 0)
	{
		uint8_t		f = tk->lex->token_flags[prev->id];

		if (f & GT_TOKF_ABBREV)
			return !(f & GT_TOKF_ABBREV_CAP) || (prev->flags & GT_TF_CAP);
	}
	return 0;
}

/* Does a sentence end in gap g, before a word starting with next? */
static int
is_boundary(const gt_tokenizer *tk, const gap *g, const gt_token *prev,
			const gt_charinfo *next)
{
	if (g->newlines >= 2 || g->term == 2)
		return 1;
	if (g->term != 1 || !g->space_after_term)
		return 0;				/* `3.5`, `Yahoo!Inc` */
	if (next->flags & GT_CF_LOWER)
		return 0;				/* `etc. and` */
	if (g->term_char == '.' && g->term_adjacent && is_abbreviation(tk, prev))
		return 0;
	return 1;
}

/* May a phrase continue across gap g? */
static int
is_joining(const gap *g)
{
	if (g->punct || g->newlines >= 2)
		return 0;
	if (g->hyphens + g->apos == 0)
		return 1;
	return g->hyphens + g->apos == 1 && g->spaces == 0 && g->newlines == 0;
}

/*
 * Reads a word from pos into out (folded); returns the position after it.
 * *acc gets the union of the case flags, *first those of the first letter.
 */
static size_t
read_word(gt_tokenizer *tk, size_t pos, char *out, uint32_t *flen,
		  unsigned *acc, unsigned *first)
{
	const unsigned char *t = tk->text;
	size_t		len = tk->len;
	uint32_t	fl = 0;
	unsigned	a = 0;
	int			have_first = 0;

	for (;;)
	{
		uint32_t	cp;
		int			n;
		const gt_charinfo *ci;

		/* the ASCII run: a table lookup and a store per byte */
		while (pos < len && t[pos] < 0x80)
		{
			ci = &gt_chars_low[t[pos]];
			if (ci->cls != GT_CC_WORD)
				goto done;
			if (!have_first)
			{
				*first = ci->flags;
				have_first = 1;
			}
			a |= ci->flags;
			if (fl < GT_TOKEN_MAX)
				out[fl] = ci->fold[0];
			fl++;
			pos++;
		}
		if (pos >= len)
			break;
		n = gt_utf8_decode(t + pos, len - pos, &cp);
		ci = gt_char_info(cp);
		if (ci->cls != GT_CC_WORD)
			break;
		if (!have_first && ci->flen > 0)
		{
			*first = ci->flags;
			have_first = 1;
		}
		a |= ci->flags;
		if (fl + ci->flen <= GT_TOKEN_MAX)
			memcpy(out + fl, ci->fold, ci->flen);
		fl += ci->flen;
		tk->ncont += n - 1;
		pos += n;
	}
done:
	*flen = fl;
	*acc = a;
	return pos;
}

/* Folds the letters of the dotted acronym t[pos, end) into out. */
static void
fold_acronym(gt_tokenizer *tk, size_t pos, size_t end, char *out,
			 uint32_t *flen)
{
	uint32_t	fl = 0;

	while (pos < end)
	{
		uint32_t	cp;
		int			n = gt_utf8_decode(tk->text + pos, end - pos, &cp);
		const gt_charinfo *ci = gt_char_info(cp);

		if (ci->cls == GT_CC_WORD && fl + ci->flen <= GT_TOKEN_MAX)
		{
			memcpy(out + fl, ci->fold, ci->flen);
			fl += ci->flen;
		}
		tk->ncont += n - 1;
		pos += n;
	}
	*flen = fl;
}

/*
 * Reads the token that starts at pos with character ci (of length clen) into
 * tok and out; returns the position after it.
 */
static size_t
read_token(gt_tokenizer *tk, size_t pos, const gt_charinfo *ci, int clen,
		   gt_token *tok, char *out)
{
	const unsigned char *t = tk->text;
	size_t		start = pos;
	uint32_t	fl = 0;
	unsigned	acc = 0,
				first = 0;
	uint16_t	flags = 0;
	size_t		alen;

	tok->cstart = (uint32_t) (pos - tk->ncont);
	if (ci->cls == GT_CC_CONT)
	{
		/* one character, plus the marks and joiners that follow it */
		memcpy(out, ci->fold, ci->flen);
		fl = ci->flen;
		tk->ncont += clen - 1;
		pos += clen;
		while (pos < tk->len)
		{
			uint32_t	cp;
			int			n = gt_utf8_decode(t + pos, tk->len - pos, &cp);
			const gt_charinfo *next = gt_char_info(cp);

			if (next->cls != GT_CC_WORD || next->flen != 0)
				break;
			tk->ncont += n - 1;
			pos += n;
		}
		flags = GT_TF_CONT;
	}
	else if ((ci->flags & GT_CF_UPPER) && pos + clen + 1 < tk->len &&
			 t[pos + clen] == '.' &&
			 (alen = gt_acronym_length(t + pos, tk->len - pos)) > 0)
	{
		fold_acronym(tk, pos, pos + alen, out, &fl);
		pos += alen;
		flags = GT_TF_ACRONYM | GT_TF_UPPER | GT_TF_CAP;
	}
	else
	{
		pos = read_word(tk, pos, out, &fl, &acc, &first);
		if (first & GT_CF_UPPER)
			flags |= GT_TF_CAP;
		if ((acc & GT_CF_UPPER) && !(acc & GT_CF_LOWER))
			flags |= GT_TF_UPPER;
	}

	tok->start = (uint32_t) start;
	tok->end = (uint32_t) pos;
	tok->cend = (uint32_t) (pos - tk->ncont);
	tok->id = -1;
	if (fl > GT_TOKEN_MAX)
	{
		flags |= GT_TF_LONG;
		fl = GT_TOKEN_MAX;
	}
	else if (tk->lex && fl > 0)
	{
		const gt_lexicon *lex = tk->lex;
		uint64_t	h = gt_hash(out, fl);
		uint32_t	bit = (uint32_t) (h >> 40) & lex->bloom_mask;

		if (lex->bloom[bit >> 6] & ((uint64_t) 1 << (bit & 63)))
			tok->id = gt_lex_lookup(lex, h, out, fl);
	}
	tok->flags = flags;
	tok->flen = (uint16_t) fl;
	return pos;
}

/* See tokenize.h. */
int
gt_tokenizer_next(gt_tokenizer *tk, gt_sentence *s)
{
	const unsigned char *t = tk->text;
	size_t		len = tk->len;
	size_t		pos = tk->pos;
	uint32_t	n = 0;
	gap			g;

	memset(&g, 0, sizeof(g));
	while (pos < len)
	{
		uint32_t	cp;
		int			clen;
		const gt_charinfo *ci;

		if (pos >= tk->next_check)
		{
			if (tk->check)
				tk->check(tk->check_arg);
			tk->next_check = pos + CHECK_EVERY;
		}
		if (t[pos] < 0x80)
		{
			cp = t[pos];
			clen = 1;
		}
		else
			clen = gt_utf8_decode(t + pos, len - pos, &cp);
		ci = gt_char_info(cp);

		switch (ci->cls)
		{
			case GT_CC_WORD:
			case GT_CC_CONT:
				{
					gt_token   *tok = &tk->tokens[n];
					char	   *out = tk->fold + (size_t) n * GT_TOKEN_MAX;
					size_t		after;

					if (n > 0 && is_boundary(tk, &g, &tk->tokens[n - 1], ci))
						goto end_sentence;
					after = read_token(tk, pos, ci, clen, tok, out);
					pos = after;
					if (tok->flen == 0)
					{
						g.punct++;	/* stray marks: like punctuation */
						continue;
					}
					if (n > 0 && is_joining(&g))
						tk->tokens[n - 1].flags |= GT_TF_JOIN_NEXT |
							(g.hyphens ? GT_TF_HYPHEN_NEXT : 0);
					if (n == 0)
						tok->flags |= GT_TF_SENT_START;
					n++;
					memset(&g, 0, sizeof(g));
					if (n == GT_SENTENCE_MAX)
						goto end_sentence;
					continue;
				}
			case GT_CC_SPACE:
				g.spaces++;
				if (g.term)
					g.space_after_term = 1;
				break;
			case GT_CC_NEWLINE:
				g.newlines++;
				if (g.term)
					g.space_after_term = 1;
				break;
			case GT_CC_HYPHEN:
				g.hyphens++;
				break;
			case GT_CC_APOS:
				g.apos++;
				break;
			case GT_CC_TERM:
				/* the period of an abbreviation keeps the phrase: `St. Lucia` */
				if (!(cp == '.' && g.term == 0 && g.punct == 0 && n > 0 &&
					  pos == tk->tokens[n - 1].end &&
					  is_abbreviation(tk, &tk->tokens[n - 1])))
					g.punct++;
				if (!g.term)
				{
					g.term = 1;
					g.term_char = cp;
					g.term_adjacent = n > 0 && pos == tk->tokens[n - 1].end;
				}
				break;
			case GT_CC_TERM_HARD:
				g.punct++;
				g.term = 2;
				break;
			default:
				g.punct++;
				break;
		}
		tk->ncont += clen - 1;
		pos += clen;
	}
	if (n == 0)
	{
		tk->pos = pos;
		return 0;
	}
end_sentence:
	tk->pos = pos;
	s->index = ++tk->sentence_no;
	s->ntokens = n;
	s->tokens = tk->tokens;
	s->fold = tk->fold;
	return 1;
}
