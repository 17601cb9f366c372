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

/*
 * ASCII fast path: gt_ascii_fold[c] is the folded letter or digit, 0 for any
 * other byte (bytes >= 0x80 included); gt_ascii_case[c] its GT_CF_* flags.
 * Filled from the character tables on the first gt_tokenizer_init.
 */
static char gt_ascii_fold[256];
static unsigned char gt_ascii_case[256];

/* Fills the ASCII tables from gt_chars_low (once). */
static void
init_ascii_tables(void)
{
	int			c;

	if (gt_ascii_fold['a'])
		return;
	for (c = 0; c < 0x80; c++)
		if (gt_chars_low[c].cls == GT_CC_WORD && gt_chars_low[c].flen == 1)
		{
			gt_ascii_fold[c] = gt_chars_low[c].fold[0];
			gt_ascii_case[c] = gt_chars_low[c].flags;
		}
}

/* Bytes between two calls of the check callback. */
#define CHECK_EVERY ((size_t) 256 * 1024)

/*
 * What lies between the previous token and the next one (the gap), as bits:
 * a word followed by one space, the common case, is just GAP_SPACE.
 */
#define GAP_SPACE		0x001
#define GAP_NEWLINE		0x002
#define GAP_BLANK_LINE	0x004	/* a second newline */
#define GAP_HYPHEN		0x008
#define GAP_APOS		0x010
#define GAP_MULTI		0x020	/* a second hyphen or apostrophe */
#define GAP_PUNCT		0x040	/* anything else, terminals included */
#define GAP_TERM		0x080	/* . ! ? … : may end a sentence */
#define GAP_TERM_HARD	0x100	/* 。！？ : ends it */
#define GAP_TERM_DOT	0x200	/* the terminal is a period */
#define GAP_TERM_ADJ	0x400	/* … touching the previous token */
#define GAP_AFTER_TERM	0x800	/* space or newline after the terminal */

/* GAP_TERM shifted onto GAP_AFTER_TERM: set when a space follows a terminal */
#define AFTER_TERM(gap) (((gap) & GAP_TERM) << 4)

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
	init_ascii_tables();
}

/* Resolves the id of token t, whose folded text is fold. */
static inline int32_t
resolve(const gt_lexicon *lex, gt_token *t, const char *fold)
{
	if (t->id == GT_ID_UNRESOLVED)
		t->id = gt_lex_lookup(lex, gt_hash(fold, t->flen), fold, t->flen);
	return t->id;
}

/* See tokenize.h. */
int32_t
gt_token_id(const gt_lexicon *lex, gt_sentence *s, uint32_t i)
{
	return resolve(lex, &s->tokens[i], s->fold + (size_t) i * GT_TOKEN_MAX);
}

/* Does the previous token (folded text fold) end in an abbreviation's period (`M.`, `Gen.`)? */
static int
is_abbreviation(const gt_tokenizer *tk, gt_token *prev, const char *fold)
{
	if (prev->flags & GT_TF_ACRONYM)
		return 1;
	if (prev->cend - prev->cstart == 1 && (prev->flags & GT_TF_CAP))
		return 1;				/* an initial: `George W. Bush`, not `3.5` */
	if (tk->lex && resolve(tk->lex, prev, fold) >= 0)
	{
		uint8_t		f = tk->lex->token_flags[prev->id];

		if (f & GT_TOKF_ABBREV)
			return !(f & GT_TOKF_ABBREV_CAP) || (prev->flags & GT_TF_CAP);
	}
	return 0;
}

/* Does a sentence end in gap, before a word whose first letter has flags? */
static int
is_boundary(const gt_tokenizer *tk, unsigned gap, gt_token *prev,
			const char *prev_fold, unsigned next_flags)
{
	if (gap & (GAP_BLANK_LINE | GAP_TERM_HARD))
		return 1;
	if (!(gap & GAP_TERM) || !(gap & GAP_AFTER_TERM))
		return 0;				/* `3.5`, `Yahoo!Inc` */
	if (next_flags & GT_CF_LOWER)
		return 0;				/* `etc. and` */
	if ((gap & GAP_TERM_DOT) && (gap & GAP_TERM_ADJ) &&
		is_abbreviation(tk, prev, prev_fold))
		return 0;
	return 1;
}

/* May a phrase continue across gap? */
static int
is_joining(unsigned gap)
{
	if (gap & (GAP_PUNCT | GAP_BLANK_LINE | GAP_MULTI))
		return 0;
	if (!(gap & (GAP_HYPHEN | GAP_APOS)))
		return 1;
	return !(gap & (GAP_SPACE | GAP_NEWLINE));	/* `sino-russe`, not `sino - russe` */
}

/* SWAR: eight bytes at once.  For bytes below 0x80 only (no carries). */
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

/* High bit of each byte of y (all < 0x80) set where lo <= byte <= hi. */
static inline uint64_t
swar_in_range(uint64_t y, unsigned lo, unsigned hi)
{
	uint64_t	ge = y + ONES * (0x80 - lo);
	uint64_t	gt = y + ONES * (0x7F - hi);

	return ge & ~gt & HIGHS;
}

/*
 * Reads a word from pos into out (folded); returns the position after it,
 * and in *acc the union of its case flags.
 *
 * ASCII letters and digits go eight at a time: range tests on the whole
 * word find where the run ends, and OR-ing 0x20 into the upper-case bytes
 * folds them, so a word costs a few instructions, not a few per byte.
 * out must have 8 bytes of slack after GT_TOKEN_MAX.
 */
static inline size_t
read_word(gt_tokenizer *tk, size_t pos, char *out, uint32_t *flen,
		  unsigned *acc)
{
	const unsigned char *t = tk->text;
	size_t		len = tk->len;
	uint32_t	fl = 0;
	unsigned	a = 0;
	uint64_t	ups = 0,
				los = 0;

	for (;;)
	{
		uint32_t	cp;
		int			n;
		const gt_charinfo *ci;

		while (pos + 8 <= len)
		{
			uint64_t	x,
						y,
						nx,
						up,
						lo,
						stop;

			memcpy(&x, t + pos, 8);
			y = x & ~HIGHS;
			nx = ~x;			/* high bit set on ASCII bytes */
			up = swar_in_range(y, 'A', 'Z') & nx;
			lo = swar_in_range(y, 'a', 'z') & nx;
			stop = ~(up | lo | (swar_in_range(y, '0', '9') & nx)) & HIGHS;
			if (fl < GT_TOKEN_MAX)
			{
				uint64_t	folded = x | (up >> 2);	/* 0x80 >> 2 = 0x20 */

				memcpy(out + fl, &folded, 8);
			}
			if (stop)
			{
				unsigned	k = (unsigned) __builtin_ctzll(stop) >> 3;
				uint64_t	keep = ((uint64_t) 1 << (8 * k)) - 1;

				ups |= up & keep;
				los |= lo & keep;
				fl += k;
				pos += k;
				goto ascii_done;
			}
			ups |= up;
			los |= lo;
			fl += 8;
			pos += 8;
		}
		/* the last bytes of the text: one at a time */
		while (pos < len)
		{
			unsigned char c = t[pos];
			char		f = gt_ascii_fold[c];

			if (f == 0)
				break;
			a |= gt_ascii_case[c];
			if (fl < GT_TOKEN_MAX)
				out[fl] = f;
			fl++;
			pos++;
		}
ascii_done:
		if (pos >= len || t[pos] < 0x80)
			break;
		n = gt_utf8_decode(t + pos, len - pos, &cp);
		ci = gt_char_info(cp);
		if (ci->cls != GT_CC_WORD)
			break;
		a |= ci->flags;
		if (fl + ci->flen <= GT_TOKEN_MAX)
			memcpy(out + fl, ci->fold, ci->flen);
		fl += ci->flen;
		tk->ncont += n - 1;
		pos += n;
	}
	*flen = fl;
	*acc = a | (ups ? GT_CF_UPPER : 0) | (los ? GT_CF_LOWER : 0);
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
static inline size_t
read_token(gt_tokenizer *tk, size_t pos, const gt_charinfo *ci, int clen,
		   gt_token *tok, char *out)
{
	const unsigned char *t = tk->text;
	size_t		start = pos;
	uint32_t	fl = 0;
	unsigned	acc = 0;
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
		pos = read_word(tk, pos, out, &fl, &acc);
		if (ci->flags & GT_CF_UPPER)
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
		uint64_t	h = gt_hash_padded(out, fl);
		uint32_t	bit = (uint32_t) (h >> 40) & lex->bloom_mask;

		if (lex->bloom[bit >> 6] & ((uint64_t) 1 << (bit & 63)))
			tok->id = gt_lex_lookup(lex, h, out, fl);
		else
			tok->id = GT_ID_UNRESOLVED;
	}
	tok->flags = flags;
	tok->flen = (uint16_t) fl;
	return pos;
}

/*
 * Adds a separator character (class cls, at pos) to gap; returns it.  prev
 * is the last word read (NULL at the start of a sentence), prev_fold its
 * folded text.
 */
static unsigned
add_separator(gt_tokenizer *tk, unsigned gap, int cls, uint32_t cp,
			  size_t pos, gt_token *prev, const char *prev_fold)
{
	int			adjacent = prev && pos == prev->end;

	switch (cls)
	{
		case GT_CC_SPACE:
			return gap | GAP_SPACE | AFTER_TERM(gap);
		case GT_CC_NEWLINE:
			return gap | GAP_NEWLINE | AFTER_TERM(gap) |
				((gap & GAP_NEWLINE) ? GAP_BLANK_LINE : 0);
		case GT_CC_HYPHEN:
		case GT_CC_APOS:
			if (gap & (GAP_HYPHEN | GAP_APOS))
				gap |= GAP_MULTI;
			return gap | (cls == GT_CC_HYPHEN ? GAP_HYPHEN : GAP_APOS);
		case GT_CC_TERM:
			/* the period of an abbreviation keeps the phrase: `St. Lucia` */
			if (!(cp == '.' && !(gap & (GAP_TERM | GAP_PUNCT)) && adjacent &&
				  is_abbreviation(tk, prev, prev_fold)))
				gap |= GAP_PUNCT;
			if (!(gap & GAP_TERM))
				gap |= GAP_TERM | (cp == '.' ? GAP_TERM_DOT : 0) |
					(adjacent ? GAP_TERM_ADJ : 0);
			return gap;
		case GT_CC_TERM_HARD:
			return gap | GAP_PUNCT | GAP_TERM_HARD;
		default:
			return gap | GAP_PUNCT;
	}
}

/* Appends token tok (folded text fold) to the sentence being built. */
static inline void
keep_token(gt_tokenizer *tk, uint32_t *n, const gt_token *tok, const char *fold)
{
	char	   *slot = tk->fold + (size_t) *n * GT_TOKEN_MAX;

	tk->tokens[*n] = *tok;
	if (slot != fold)
		memcpy(slot, fold, tok->flen);
	(*n)++;
}

/*
 * The trie walks in progress while reading: a walk starts at each word that
 * can start a phrase and follows the next words while the trie allows.  A
 * word is kept in the sentence only if it starts a walk, continues one or
 * directly follows one (the neighbour a context rule may look at), or
 * directly precedes a word that starts one; the matcher needs nothing else,
 * and most words of a text are none of these, so they cost a lookup in a
 * bloom filter and nothing more.
 */
#define MAX_WALKS 8

/* See tokenize.h. */
int
gt_tokenizer_next(gt_tokenizer *tk, gt_sentence *s)
{
	const unsigned char *t = tk->text;
	const gt_lexicon *lex = tk->lex;
	size_t		len = tk->len;
	size_t		pos = tk->pos;
	uint32_t	n = 0,			/* tokens kept */
				nread = 0;		/* words read */
	unsigned	gap = 0;
	gt_token	last;			/* the last word read … */
	const char *last_fold = NULL;	/* … its folded text … */
	int			last_kept = 0;	/* … and whether it was kept */
	uint32_t	walks[MAX_WALKS];
	int			nwalks = 0;
	uint32_t	keep_run = 0;	/* words to keep when walks overflow */
	int			sparse = lex != NULL && !tk->keep_all;

	memset(&last, 0, sizeof(last));
	while (pos < len)
	{
		unsigned char c = t[pos];
		uint32_t	cp = c;
		int			clen = 1;
		const gt_charinfo *ci;

		if (pos >= tk->next_check)
		{
			if (tk->check)
				tk->check(tk->check_arg);
			tk->next_check = pos + CHECK_EVERY;
		}
		if (c == ' ')
		{
			/* most separators are one ASCII space */
			gap |= GAP_SPACE | AFTER_TERM(gap);
			pos++;
			continue;
		}
		if (c >= 0x80)
			clen = gt_utf8_decode(t + pos, len - pos, &cp);
		ci = gt_char_info(cp);

		if (ci->cls == GT_CC_WORD || ci->cls == GT_CC_CONT)
		{
			gt_token	cur;
			char	   *scratch;
			int			joined,
						hit,
						keep;

			if (nread > 0 && (gap & ~GAP_SPACE) &&
				is_boundary(tk, gap, &last, last_fold, ci->flags))
				break;
			if (n + 2 > GT_SENTENCE_MAX)
				break;			/* a sentence without end: cut it */
			/* read into a scratch slot, alternating so `last` survives */
			scratch = tk->fold + (size_t) (GT_SENTENCE_MAX + (nread & 1)) * GT_TOKEN_MAX;
			pos = read_token(tk, pos, ci, clen, &cur, scratch);
			if (cur.flen == 0)
			{
				gap |= GAP_PUNCT;	/* stray marks: like punctuation */
				continue;
			}
			if (nread == 0)
				cur.flags |= GT_TF_SENT_START;
			joined = nread > 0 && (gap == GAP_SPACE || is_joining(gap));
			if (joined)
				last.flags |= GT_TF_JOIN_NEXT |
					((gap & GAP_HYPHEN) ? GT_TF_HYPHEN_NEXT : 0);
			hit = sparse && cur.id >= 0 && lex->token_root[cur.id] != 0;
			keep = !sparse || hit || (joined && (nwalks > 0 || keep_run > 0));

			if (keep)
			{
				if (last_kept && joined)
					tk->tokens[n - 1].flags = last.flags;
				else if (hit && joined)
					keep_token(tk, &n, &last, last_fold);	/* its neighbour */
				keep_token(tk, &n, &cur, scratch);
			}
			if (sparse)
			{
				/* advance the walks in progress, start one at a hit */
				int			w,
							alive = 0;

				if (joined && nwalks > 0 &&
					(cur.id >= 0 || (cur.id == GT_ID_UNRESOLVED &&
									 resolve(lex, &cur, scratch) >= 0)))
				{
					for (w = 0; w < nwalks; w++)
					{
						uint32_t	next = gt_lex_step(lex, walks[w], cur.id);

						if (next)
							walks[alive++] = next;
					}
					if (keep)
						tk->tokens[n - 1].id = cur.id;
				}
				nwalks = alive;
				if (keep_run > 0)
					keep_run = joined ? keep_run - 1 : 0;
				if (hit)
				{
					if (nwalks < MAX_WALKS)
						walks[nwalks++] = lex->token_root[cur.id];
					else
						keep_run = lex->max_phrase + 1;
				}
			}
			last = cur;
			last_kept = keep;
			last_fold = keep ? tk->fold + (size_t) (n - 1) * GT_TOKEN_MAX : scratch;
			nread++;
			gap = 0;
			continue;
		}
		gap = add_separator(tk, gap, ci->cls, cp, pos,
							nread > 0 ? &last : NULL, last_fold);
		tk->ncont += clen - 1;
		pos += clen;
	}
	tk->pos = pos;
	if (nread == 0)
		return 0;
	s->index = ++tk->sentence_no;
	s->ntokens = n;
	s->tokens = tk->tokens;
	s->fold = tk->fold;
	return 1;
}
