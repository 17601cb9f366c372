/*
 * tokenize.c — one pass over UTF-8 text: sentences, tokens, folded forms.
 *
 * Speed comes from three choices.  ASCII words are read eight bytes at a
 * time (SWAR), folded and hashed without a loop per byte; only non-ASCII
 * characters are decoded, and their class and fold come from chars.c.
 * A word is looked up only when a bloom filter says it may start a phrase;
 * the others cost a hash and one bit test.  And only the words the matcher
 * needs are kept (see "Which words are kept" below), so most words are
 * never copied anywhere.  The hot loop is kept small so that its state
 * lives in registers; everything rare is in functions of its own.
 *
 * Between two words the loop records what it skipped (the gap): spaces,
 * newlines, hyphens, apostrophes, punctuation, a sentence terminal.  The gap
 * decides whether the words belong to one phrase (`Maison-Blanche`,
 * `l'Inde`, `Costa Rica`) and whether a sentence ends.
 */
#include "tokenize.h"

#include <stdint.h>
#include <string.h>

#include "chars.h"
#include "hash.h"
#include "swar.h"

#define NOINLINE __attribute__((noinline))
#define ALWAYS_INLINE inline __attribute__((always_inline))

/*
 * ASCII fast path: gt_ascii_fold[c] is the folded letter or digit, 0 for any
 * other byte (bytes >= 0x80 included); gt_ascii_case[c] its GT_CF_* flags.
 * Filled from the character tables on the first gt_tokenizer_init.
 */
static char gt_ascii_fold[256];
static unsigned char gt_ascii_case[256];

/*
 * ASCII separators the quiet-word loop steps over: none that ends a
 * sentence.  QS_LINK (hyphen, apostrophe) may join two words into a phrase
 * when alone between them, QS_SPACE when only spaces are there, QS_OTHER
 * (commas, brackets …) never.
 */
#define QS_STOP		0
#define QS_SPACE	1
#define QS_OTHER	2
#define QS_LINK		3
static unsigned char gt_ascii_quiet_sep[128];

/* The QS_* kind of a separator of class cls. */
static inline unsigned
quiet_kind(int cls)
{
	switch (cls)
	{
		case GT_CC_SPACE:
			return QS_SPACE;
		case GT_CC_OTHER:
			return QS_OTHER;
		case GT_CC_HYPHEN:
		case GT_CC_APOS:
			return QS_LINK;
		default:
			return QS_STOP;
	}
}

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
	for (c = 0; c < 0x80; c++)
		gt_ascii_quiet_sep[c] = (unsigned char) quiet_kind(gt_chars_low[c].cls);
}

/*
 * A folded length as a token stores it (16 bits): longer than GT_TOKEN_MAX
 * stays longer, so that the word is marked GT_TF_LONG, instead of wrapping
 * round to a short word's length.
 */
static inline uint16_t
stored_flen(uint32_t fl)
{
	return (uint16_t) (fl > GT_TOKEN_MAX ? GT_TOKEN_MAX + 1 : fl);
}

/* Bytes between two calls of the check callback. */
#define CHECK_EVERY ((size_t) 256 * 1024)

/*
 * What lies between the previous word and the next one (the gap), as bits:
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
#define GAP_TERM_ADJ	0x400	/* … touching the previous word */
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
		t->id = gt_lex_lookup(lex, gt_hash_padded(fold, t->flen), fold, t->flen);
	return t->id;
}

/* See tokenize.h. */
int32_t
gt_token_id(const gt_lexicon *lex, gt_sentence *s, uint32_t i)
{
	return resolve(lex, &s->tokens[i], s->fold + (size_t) i * GT_TOKEN_MAX);
}

/* Does word prev (folded text fold) end in an abbreviation's period? */
static int
is_abbreviation(const gt_tokenizer *tk, gt_token *prev, const char *fold)
{
	if (prev->flags & GT_TF_ACRONYM)
		return 1;
	if (prev->cend - prev->cstart == 1 && (prev->flags & GT_TF_CAP))
		return 1;				/* an initial: `George W. Bush`, not `3.5` */
	if (tk->lex && resolve(tk->lex, prev, fold) >= 0)
	{
		uint8_t		f = tk->lex->token_info[prev->id].flags;

		if (f & GT_TOKF_ABBREV)
			return !(f & GT_TOKF_ABBREV_CAP) || (prev->flags & GT_TF_CAP);
	}
	return 0;
}

/* What gap_ends_sentence() says. */
#define ENDS_NO			0
#define ENDS_YES		1
#define ENDS_UNLESS_ABBREV 2	/* unless the word before is an abbreviation */

/*
 * The sentence-boundary rule, for the general path (ends_before) and the
 * quiet-word loop (quiet_sentence_end) alike: does a sentence end in gap,
 * before a word whose first letter has next_flags?
 */
static inline int
gap_ends_sentence(unsigned gap, unsigned next_flags)
{
	if (gap & (GAP_BLANK_LINE | GAP_TERM_HARD))
		return ENDS_YES;
	if (!(gap & GAP_TERM) || !(gap & GAP_AFTER_TERM))
		return ENDS_NO;			/* `3.5`, `Yahoo!Inc` */
	if (next_flags & GT_CF_LOWER)
		return ENDS_NO;			/* `etc. and` */
	if ((gap & GAP_TERM_DOT) && (gap & GAP_TERM_ADJ))
		return ENDS_UNLESS_ABBREV;	/* `Mr. Smith` */
	return ENDS_YES;
}

/* May a phrase continue across gap? */
static inline int
is_joining(unsigned gap)
{
	if (gap == GAP_SPACE)
		return 1;
	if (gap & (GAP_PUNCT | GAP_BLANK_LINE | GAP_MULTI))
		return 0;
	if (!(gap & (GAP_HYPHEN | GAP_APOS)))
		return 1;
	return !(gap & (GAP_SPACE | GAP_NEWLINE));	/* `sino-russe`, not `sino - russe` */
}

/*
 * Adds a separator character (class cls, at pos) to gap; returns it.  prev
 * is the last word read (NULL at the start of a sentence), prev_fold its
 * folded text: only a period looks at them (the caller reads that word
 * again for a period only).
 */
static NOINLINE unsigned
add_separator(const gt_tokenizer *tk, unsigned gap, int cls, uint32_t cp,
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

/*
 * Reads the ASCII letters and digits at t[pos, len) into out (folded), from
 * offset *flen on; returns the position after them and ORs their case flags
 * into *acc.  Eight bytes at a time: range tests on the whole word find
 * where the run ends, and OR-ing 0x20 into the upper-case bytes folds them.
 * out must have 8 bytes of slack after GT_TOKEN_MAX.
 */
static ALWAYS_INLINE size_t
read_ascii_run(const unsigned char *t, size_t pos, size_t len, char *out,
			   uint32_t *flen, unsigned *acc)
{
	uint32_t	fl = *flen;
	uint64_t	ups = 0,
				los = 0;

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
		nx = ~x;				/* high bit set on ASCII bytes */
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
			goto done;
		}
		ups |= up;
		los |= lo;
		fl += 8;
		pos += 8;
	}
	/* the last bytes of the text: one at a time */
	while (pos < len && gt_ascii_fold[t[pos]])
	{
		*acc |= gt_ascii_case[t[pos]];
		if (fl < GT_TOKEN_MAX)
			out[fl] = gt_ascii_fold[t[pos]];
		fl++;
		pos++;
	}
done:
	*acc |= (ups ? GT_CF_UPPER : 0) | (los ? GT_CF_LOWER : 0);
	*flen = fl;
	return pos;
}

/*
 * The last character decoded by the quiet-word loop: in CJK text each
 * character is asked for as the end of one unit and as the start of the
 * next, and decoding it is most of the work.
 */
typedef struct char_memo
{
	size_t		at;				/* its position, or SIZE_MAX */
	int			n;				/* its bytes */
	const gt_charinfo *ci;
} char_memo;

/*
 * Decodes the UTF-8 character at s (with 8 bytes readable there) as
 * gt_utf8_decode does; a valid three-byte sequence, the whole of CJK text,
 * is checked with one load and one mask.
 */
static ALWAYS_INLINE int
decode_fast(const unsigned char *s, uint32_t *cp)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t	w;

	memcpy(&w, s, 4);
	if ((w & 0xC0C0F0) == 0x8080E0)
	{
		uint32_t	v = ((w & 0x0F) << 12) | ((w >> 2) & 0xFC0) | ((w >> 16) & 0x3F);

		if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF))
		{
			*cp = v;
			return 3;
		}
	}
#endif
	return gt_utf8_decode(s, 8, cp);
}

/* The character at t + p (with 8 bytes readable there), decoded once. */
static ALWAYS_INLINE const gt_charinfo *
char_at(char_memo *m, const unsigned char *t, size_t p)
{
	if (m->at != p)
	{
		uint32_t	cp;

		m->n = decode_fast(t + p, &cp);
		m->ci = gt_char_info(cp);
		m->at = p;
	}
	return m->ci;
}

/*
 * The quiet-word loop.  From pos, just after a word, it skips every unit of
 * "separators + word" that the matcher cannot need: separators that do not
 * end a sentence (spaces, commas, brackets, guillemets, hyphens,
 * apostrophes …), then a word of Latin, Greek, Cyrillic, Hebrew or Arabic
 * letters, or one character of a script without spaces, that the word
 * prefilter (on the first bytes and the length, before any hash) or the
 * bloom filters reject.  It builds no token at all, only remembers where the
 * last skipped word is (the caller re-reads it if it needs it).  Most words
 * of a text go through here.
 */

/* Where a skipped word is. */
typedef struct quiet_unit
{
	size_t		unit,			/* where its unit (separators + word) starts */
				unit_nc,		/* continuation bytes before the unit */
				start,			/* the word itself */
				end,
				nc;				/* continuation bytes before the word */
} quiet_unit;

/* The word the loop stopped at, looked up already. */
typedef struct quiet_stop
{
	size_t		start;			/* where it starts, or SIZE_MAX */
	int32_t		id;
	uint64_t	hash;
} quiet_stop;

/* What the loop has skipped so far. */
typedef struct quiet_state
{
	quiet_stop *stop;			/* the word it stopped at, if it knows */
	const unsigned char *text;
	size_t		pos;			/* where the next unit starts */
	size_t		nc;				/* continuation bytes before pos */
	uint32_t	skipped;		/* words skipped */
	int			ended;			/* a sentence ends at pos */
	int			last_is_first;	/* the last one may start a phrase */
	uint64_t	h_prev;			/* its hash */
	quiet_unit	w[2];			/* the last two words skipped: word k is
								 * in w[k & 1], so nothing is copied */
} quiet_state;

/*
 * Skips word [start, end) (hash h, or 0 if it was not hashed): sep_nc and
 * unit_nc are the continuation bytes of its separators and of its whole
 * unit.
 */
static ALWAYS_INLINE void
quiet_pass(quiet_state *q, size_t start, size_t end, size_t sep_nc,
		   size_t unit_nc, uint64_t h)
{
	quiet_unit *u = &q->w[q->skipped & 1];

	q->h_prev = h;
	u->unit = q->pos;
	u->unit_nc = q->nc;
	u->start = start;
	u->end = end;
	u->nc = q->nc + sep_nc;		/* those of its separators */
	q->nc += unit_nc;
	q->pos = end;
	q->skipped++;
}

/*
 * Has the word t[start, end) a lower-case letter (known, if not -1)?  Only
 * the few words that may be a phrase in capitals (`UN`) need to know, so
 * the quiet-word loop does not track case for every word it reads but asks
 * here, reading the word again: ASCII letters and two-byte characters only
 * (the loop ends a word at any longer character; a character of a script
 * without spaces comes known, as never all capitals).
 */
static inline int
word_has_lower(const unsigned char *t, size_t start, size_t end, int known)
{
	size_t		p = start;

	if (known >= 0)
		return known;

	while (p < end)
	{
		unsigned	b = t[p];

		if (b < 0x80)
		{
			if (b - 'a' < 26)
				return 1;
			p++;
		}
		else
		{
			if (gt_chars_low[((b & 0x1F) << 6) | (t[p + 1] & 0x3F)].flags & GT_CF_LOWER)
				return 1;
			p += 2;
		}
	}
	return 0;
}

/*
 * Decides on one word: fold (fl bytes, with 8 readable after) at
 * [start, end), has_lower if not all capitals (-1: not known yet, see
 * word_has_lower), pair if the previous word may begin a phrase with it
 * (then the pair bloom tells whether the two may); sep_nc and unit_nc are
 * the continuation bytes of its separators and of its whole unit.  Returns
 * 1 if the word is skipped, 0 if the general path must read it (q then says
 * where to resume).
 */
static ALWAYS_INLINE int
quiet_word(const gt_lexicon *lex, quiet_state *q, const char *fold,
		   uint32_t fl, int has_lower, int pair, size_t start, size_t end,
		   size_t sep_nc, size_t unit_nc)
{
	uint64_t	h = gt_hash_padded(fold, fl);
	const uint64_t *wb = gt_word_bloom(lex->word_bloom, lex->bloom_mask, h);
	int			is_first = -1;	/* not known yet: the bloom filter tells */

	if (gt_bloom_word_has(wb[GT_BLOOM_QUIET], h) ||
		(gt_bloom_test(lex->upper_bloom, lex->bloom_mask, h) &&
		 !(has_lower = word_has_lower(q->text, start, end, has_lower))))
	{
		/*
		 * A phrase by itself (`UN` only in capitals), or a false positive: a
		 * lookup tells, and keeps a frequent word that happens to share the
		 * bits (`than`) in this loop.
		 */
		int32_t		id = gt_lex_lookup(lex, h, fold, fl);
		uint8_t		f = id >= 0 ? lex->token_info[id].flags : 0;
		uint32_t	root = id >= 0 ? lex->token_info[id].root : 0;

		if ((f & GT_TOKF_ALONE) &&
			!((f & GT_TOKF_UPPER_ONLY) && word_has_lower(q->text, start, end, has_lower)))
		{
			/*
			 * The general path takes it from here.  The previous word needs
			 * reading again only if the two may begin a phrase.
			 */
			if (q->last_is_first &&
				!(pair && gt_bloom_test(lex->pair_bloom, lex->pair_mask,
										gt_pair_hash(q->h_prev, h))))
				q->last_is_first = 0;
			q->stop->start = start;	/* (saves the general path a lookup) */
			q->stop->id = id;
			q->stop->hash = h;
			return 0;
		}
		is_first = root != 0;
	}
	/* (the pair bloom is large: ask it only where pair says it may answer) */
	if (pair &&
		gt_bloom_test(lex->pair_bloom, lex->pair_mask, gt_pair_hash(q->h_prev, h)))
		return 0;				/* the two may begin a phrase: see the caller */
	q->last_is_first = is_first >= 0 ? is_first :
		gt_bloom_word_has(wb[GT_BLOOM_FIRST], h);
	quiet_pass(q, start, end, sep_nc, unit_nc, h);
	return 1;
}

/*
 * The commonest sentence ends, decided in the quiet-word loop by the rule of
 * the general path (gap_ends_sentence), at p, right after the word the loop
 * skipped last (hash h): a terminal (`.` `!` `?`, or one that always ends a
 * sentence, `。` `！` `？`), spaces and newlines, then the first letter of a
 * word.  Where the rule asks whether the word is an abbreviation (`Mr.`),
 * the abbreviation bloom must say it cannot be one (single capitals, `W.`,
 * never reach here).  Returns where the next sentence starts, adding the
 * gap's continuation bytes to *nc; 0 when the general path must decide.
 */
static NOINLINE size_t
quiet_sentence_end(const gt_lexicon *lex, const unsigned char *t, size_t p,
				   size_t limit, uint64_t h, size_t *nc)
{
	uint32_t	cp = t[p];
	int			n = 1;
	unsigned	gap;
	size_t		next;
	const gt_charinfo *ci;
	int			ends;

	if (cp >= 0x80)
		n = gt_utf8_decode(t + p, 8, &cp);
	/* the gap as add_separator() builds it: the terminal touches the word */
	if (gt_char_info(cp)->cls == GT_CC_TERM_HARD)
		gap = GAP_PUNCT | GAP_TERM_HARD;
	else if (cp < 0x80)
		gap = GAP_TERM | GAP_TERM_ADJ | (cp == '.' ? GAP_TERM_DOT : 0);
	else
		return 0;				/* (only `.` `!` `?` among the others) */
	for (next = p + n; next < limit && (t[next] == ' ' || t[next] == '\n'); next++)
		gap |= AFTER_TERM(gap) | (t[next] == ' ' ? GAP_SPACE :
								  GAP_NEWLINE | ((gap & GAP_NEWLINE) ? GAP_BLANK_LINE : 0));
	if (next >= limit)
		return 0;
	/* the next word's first letter */
	if (t[next] < 0x80)
	{
		if (!gt_ascii_fold[t[next]])
			return 0;			/* more punctuation: the general path */
		ci = &gt_chars_low[t[next]];
	}
	else
	{
		uint32_t	c;

		gt_utf8_decode(t + next, 8, &c);
		ci = gt_char_info(c);
		if ((ci->cls != GT_CC_WORD && ci->cls != GT_CC_CONT) || ci->flen == 0)
			return 0;
	}
	ends = gap_ends_sentence(gap, ci->flags);
	/* (h is 0 for a word the prefilter rejected: no abbreviation) */
	if (ends == ENDS_NO ||
		(ends == ENDS_UNLESS_ABBREV && h != 0 &&
		 gt_bloom_test(lex->abbrev_bloom, GT_ABBREV_BLOOM_BITS - 1, h)))
		return 0;
	*nc += n - 1;
	return next;
}

/* Forgets the last word skipped: the general path will read it. */
static ALWAYS_INLINE void
quiet_undo(quiet_state *q)
{
	const quiet_unit *u = &q->w[(q->skipped - 1) & 1];

	q->pos = u->unit;
	q->nc = u->unit_nc;
	q->skipped--;
	q->last_is_first = 0;
}


/*
 * The loop.  Returns where the first unit it did not skip starts (at most
 * limit); on return *count words (at most max_count) were skipped, the last
 * at [*last_start, *last_end), and *ncont counts the continuation bytes up to
 * the returned position (*last_ncont those before *last_start).
 */
static ALWAYS_INLINE size_t
skip_quiet_words(const gt_lexicon *lex, const unsigned char *t, size_t pos,
				 size_t limit, size_t *last_start, size_t *last_end,
				 size_t *ncont, size_t *last_ncont, uint32_t max_count,
				 uint32_t *count, quiet_stop *stop, int *ended)
{
	char		buf[GT_TOKEN_MAX + 16];
	char_memo	memo = {SIZE_MAX, 0, NULL};
	quiet_state q;

	/* (field by field: w[] is written before it is read, and a memset of
	 * the whole is a slow `rep stos` at every call) */
	q.stop = stop;
	q.text = t;
	q.pos = pos;
	q.nc = *ncont;
	q.skipped = 0;
	q.ended = 0;
	q.last_is_first = 0;
	q.h_prev = 0;

	/* limit leaves room for 8-byte loads past the longest word skipped */
	while (q.pos < limit && q.skipped < max_count)
	{
		size_t		p = q.pos;
		size_t		start;
		size_t		unit_nc = 0,
					sep_nc;
		uint32_t	fl = 0;
		unsigned	seen = 0;	/* bit 1 << QS_* of each separator kind seen */
		int			links = 0;	/* hyphens and apostrophes */
		int			joined;		/* the word continues the previous one's phrase */
		int			pair;		/* … which it may begin with this one */
		int			has_lower = -1; /* not all capitals: not known yet */


		/*
		 * The separators: none that ends a sentence.  There may be none at
		 * all before or after a character of a script without spaces (two
		 * Latin words cannot touch: they would be one).
		 */
		if (t[p] == ' ' && gt_ascii_fold[t[p + 1]])
		{
			/* one space, then an ASCII word: most units */
			p++;
			seen = 1u << QS_SPACE;
		}
		else if (q.skipped > 0 &&
				 (t[p] == '.' || t[p] == '!' || t[p] == '?' ||
				  (t[p] == 0xE3 && t[p + 1] == 0x80 && t[p + 2] == 0x82) ||
				  (t[p] == 0xEF && t[p + 1] == 0xBC && (t[p + 2] == 0x81 || t[p + 2] == 0x9F))))
		{
			/*
			 * A sentence may end right after the word skipped last (`。`,
			 * `！`, `？` are E3 80 82, EF BC 81, EF BC 9F; the other
			 * characters of their blocks, `、` `「` …, are separators the
			 * loop steps over below).  Otherwise the general path reads
			 * the terminal, as it would without this test.
			 */
			size_t		next = quiet_sentence_end(lex, t, p, limit, q.h_prev, &q.nc);

			if (next > 0)
			{
				q.ended = 1;
				q.last_is_first = 0;	/* no phrase goes on across it */
				q.pos = next;
			}
			goto out;
		}
		else
		{
			for (;;)
			{
				unsigned	kind;
				int			n = 1;

				if (t[p] < 0x80)
					kind = gt_ascii_quiet_sep[t[p]];
				else
				{
					kind = quiet_kind(char_at(&memo, t, p)->cls);
					n = memo.n;
				}
				if (kind == QS_STOP)
					break;
				p += n;
				unit_nc += n - 1;
				seen |= 1u << kind;
				links += kind == QS_LINK;
				if (p >= limit)
					goto out;
			}
		}
		start = p;
		sep_nc = unit_nc;
		/* as is_joining() in the general path */
		joined = !(seen & (1u << QS_OTHER)) &&
			(links == 0 || (links == 1 && !(seen & (1u << QS_SPACE))));

		if (t[p] >= 0xE0)
		{
			/* a character of a script without spaces is a word by itself */
			const gt_charinfo *ci = char_at(&memo, t, p);
			int			n = memo.n;

			if (ci->cls != GT_CC_CONT || ci->flen == 0)
				break;			/* anything else: the general path */
			memcpy(buf, ci->fold, GT_FOLD_MAX);
			fl = ci->flen;
			has_lower = 1;		/* caseless: never all capitals (`UN`) either */
			p += n;
			unit_nc += n - 1;
			if (t[p] >= 0x80)
			{
				const gt_charinfo *next = char_at(&memo, t, p);

				if (next->cls == GT_CC_WORD && next->flen == 0)
					break;		/* followed by a mark: the general path */
			}
			goto word_done;
		}

		/* the word: ASCII eight bytes at a time, two-byte letters by table */
		for (;;)
		{
			uint64_t	x,
						y,
						nx,
						letter,
						up,
						stop;
			unsigned	b;

			memcpy(&x, t + p, 8);
			y = x & ~HIGHS;
			nx = ~x;
			/* OR-ing 0x20 maps A-Z onto a-z and nothing else onto it */
			letter = swar_in_range(y | (ONES * 0x20), 'a', 'z') & nx;
			up = letter & ~(y << 2);	/* bit 0x20 clear: upper case */
			stop = ~(letter | (swar_in_range(y, '0', '9') & nx)) & HIGHS;
			x |= up >> 2;
			memcpy(buf + fl, &x, 8);
			if (!stop)
			{
				fl += 8;
				p += 8;
			}
			else
			{
				unsigned	k = (unsigned) __builtin_ctzll(stop) >> 3;

				fl += k;
				p += k;
				b = t[p];
				if (b < 0x80)
					break;		/* an ASCII separator ends the word */
				if ((b & 0xE0) != 0xC0 || b < 0xC2 || (t[p + 1] & 0xC0) != 0x80)
				{
					/* a longer character: a separator (’ — “) or a character
					 * of a script without spaces ends the word; a letter in
					 * the word is for the general path */
					if (char_at(&memo, t, p)->cls == GT_CC_WORD)
						goto out;
					break;
				}
				/*
				 * Two-byte characters (accented Latin, Greek, Cyrillic,
				 * Arabic …), as many as follow each other: a Russian word
				 * is all of them.
				 */
				do
				{
					const gt_charinfo *ci = &gt_chars_low[((b & 0x1F) << 6) | (t[p + 1] & 0x3F)];

					if (ci->cls != GT_CC_WORD)
						goto word_done; /* « » or no-break space end the word */
					memcpy(buf + fl, ci->fold, GT_FOLD_MAX);	/* (buf has room) */
					fl += ci->flen;
					p += 2;
					unit_nc++;
					b = t[p];
				} while ((b & 0xE0) == 0xC0 && b >= 0xC2 && (t[p + 1] & 0xC0) == 0x80 &&
						 fl < GT_TOKEN_MAX - 16 && p < limit);	/* (marks fold to nothing) */
			}
			if (fl >= GT_TOKEN_MAX - 16 || p >= limit)
				goto out;		/* long words: the general path */
		}
word_done:
		if (fl == 0 || p == start)
			break;
		if (t[p] == '.' && p - start <= 2)
		{
			/* one letter and a period */
			unsigned	c0 = t[start];

			if (c0 - 'A' < 26 && p == start + 1)
				break;			/* maybe an acronym: the general path */
			if ((c0 & 0xE0) == 0xC0 && p == start + 2 &&
				(gt_chars_low[((c0 & 0x1F) << 6) | (t[start + 1] & 0x3F)].flags & GT_CF_UPPER))
				break;			/* the same, upper-case letter not ASCII: `Ü.S.` */
		}
		/*
		 * Most words start no phrase and are no abbreviation, and the
		 * prefilter says so from their first bytes and length: they are
		 * skipped unhashed (h_prev 0), unless the word before may begin a
		 * phrase with them (pair: the pair bloom needs both hashes).  That
		 * takes a word that may be the second word of such a phrase: the
		 * second prefilter tells, as cheaply, so that the frequent words
		 * after a first word (`the`, `de`) are not all hashed.
		 */
		pair = q.last_is_first && joined &&
			gt_prefilter_has(lex->second_prefilter, buf, fl);
		if (!pair && !gt_prefilter_has(lex->prefilter, buf, fl))
		{
			q.last_is_first = 0;	/* (it starts no phrase either) */
			quiet_pass(&q, start, p, sep_nc, unit_nc, 0);
			continue;
		}
		if (!quiet_word(lex, &q, buf, fl, has_lower, pair, start, p, sep_nc, unit_nc))
			break;
	}
out:
	if (q.last_is_first)
	{
		/*
		 * The last word skipped may start a phrase (`États` before `-Unis`)
		 * and what follows it was not seen: let the general path read it.
		 */
		quiet_undo(&q);
	}
	if (q.skipped > 0)
	{
		const quiet_unit *u = &q.w[(q.skipped - 1) & 1];

		*last_start = u->start;
		*last_end = u->end;
		*last_ncont = u->nc;
	}
	*ncont = q.nc;
	*count = q.skipped;
	*ended = q.ended;
	return q.pos;
}

/*
 * Reads the rest of a word from pos (a non-ASCII character, or any word
 * character) into out from offset *flen on; returns the position after it.
 */
static NOINLINE size_t
read_word_rest(gt_tokenizer *tk, size_t pos, char *out, uint32_t *flen,
			   unsigned *acc)
{
	const unsigned char *t = tk->text;
	size_t		len = tk->len;
	uint32_t	fl = *flen;

	for (;;)
	{
		uint32_t	cp;
		int			n;
		const gt_charinfo *ci;

		pos = read_ascii_run(t, pos, len, out, &fl, acc);
		if (pos >= len || t[pos] < 0x80)
			break;
		/* two-byte sequences (accented Latin, Greek, Cyrillic, Arabic …) */
		while (pos + 1 < len && (t[pos] & 0xE0) == 0xC0 && t[pos] >= 0xC2 &&
			   (t[pos + 1] & 0xC0) == 0x80)
		{
			ci = &gt_chars_low[((t[pos] & 0x1F) << 6) | (t[pos + 1] & 0x3F)];
			if (ci->cls != GT_CC_WORD)
				goto done;
			*acc |= ci->flags;
			if (fl + ci->flen <= GT_TOKEN_MAX)
				memcpy(out + fl, ci->fold, ci->flen);
			fl += ci->flen;
			tk->ncont++;
			pos += 2;
		}
		if (pos >= len || t[pos] < 0x80)
			continue;
		n = gt_utf8_decode(t + pos, len - pos, &cp);
		ci = gt_char_info(cp);
		if (ci->cls != GT_CC_WORD)
			break;
		*acc |= ci->flags;
		if (fl + ci->flen <= GT_TOKEN_MAX)
			memcpy(out + fl, ci->fold, ci->flen);
		fl += ci->flen;
		tk->ncont += n - 1;
		pos += n;
	}
done:
	*flen = fl;
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
 * Reads a token that is not a plain ASCII word: one that starts with a
 * non-ASCII character (ci, clen bytes), a character of a script without
 * spaces, or a dotted acronym.  Fills tok's offsets, flags and folded text
 * (in out, tok->flen bytes); returns the position after it.
 */
static NOINLINE size_t
read_other_token(gt_tokenizer *tk, size_t pos, const gt_charinfo *ci,
				 int clen, gt_token *tok, char *out)
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
		flags = GT_TF_CONT | GT_TF_NOCASE;
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
		pos = read_word_rest(tk, pos, out, &fl, &acc);
		if (ci->flags & GT_CF_UPPER)
			flags |= GT_TF_CAP;
		else if (!(ci->flags & (GT_CF_LOWER | GT_CF_DIGIT)) && ci->flen > 0)
			flags |= GT_TF_NOCASE;
		if ((acc & GT_CF_UPPER) && !(acc & GT_CF_LOWER))
			flags |= GT_TF_UPPER;
	}
	tok->start = (uint32_t) start;
	tok->end = (uint32_t) pos;
	tok->cend = (uint32_t) (pos - tk->ncont);
	tok->flags = flags;
	tok->flen = stored_flen(fl);
	return pos;
}

/*
 * Which words are kept.  While reading, the tokenizer follows the lexicon's
 * trie: a walk starts at each word that can start a phrase and follows the
 * next words while the trie allows.  A word is kept in the sentence only if
 * it starts a walk, continues one or directly follows one (the neighbour a
 * context rule may look at), or directly precedes a word that starts one
 * and whose forms look at the word before them (GT_TOKF_LOOKS_BEFORE: a
 * surname, a context rule on the previous word).  A phrase of one word that
 * nothing continues and whose forms look at no word after it (GT_TOKF_LAST)
 * is kept without a walk.  The matcher needs nothing else; most words are
 * none of these.
 */
#define MAX_WALKS 8

/* The sentence being built. */
typedef struct sentence_state
{
	uint32_t	n;				/* tokens kept */
	gt_token	last;			/* the last word read … */
	const char *last_fold;		/* … its folded text … */
	int			last_kept;		/* … and whether it was kept */
	uint32_t	walks[MAX_WALKS];	/* trie states of the walks in progress */
	int			nwalks;
	uint32_t	keep_run;		/* words to keep when walks overflow */
	int			ended;			/* the quiet-word loop found the end */
	quiet_stop	stop;			/* a word the quiet-word loop looked up */

	/*
	 * The last word the quiet-word loop skipped is the last word read, but
	 * it is read again (reread_word) only when asked for: by a separator or
	 * a sentence boundary that needs the word before it, or by a word that
	 * starts a phrase whose forms look at the word before (GT_TOKF_LOOKS_
	 * BEFORE).  Most of the time the next word comes first and nobody asks.
	 */
	int			unread;			/* `last` is that word, not read yet: */
	size_t		unread_start,	/* where it is, */
				unread_end,
				unread_ncont;	/* the continuation bytes before it, */
	uint32_t	unread_index;	/* and its index in the sentence */

	/*
	 * A word that starts phrases of two words or more only (`de` in `de
	 * Villepin`, `la` in `La Paz`) waits for the next word: only if the pair
	 * bloom says the two may begin a phrase is it kept and a walk started.
	 * Such words are among the most frequent of a text.
	 */
	int			pending;		/* `last` is such a word */
	int			pending_joined; /* … joined to the word before it, */
	uint64_t	pending_hash;	/* … its hash, */
	gt_token	before;			/* … and the word before it */
	const char *before_fold;
	int			before_kept;
} sentence_state;

/* Appends token tok (folded text fold) to the sentence. */
static inline void
keep_token(gt_tokenizer *tk, sentence_state *st, const gt_token *tok,
		   const char *fold)
{
	char	   *slot = tk->fold + (size_t) st->n * GT_TOKEN_MAX;

	tk->tokens[st->n] = *tok;
	/* fold is another slot of the same buffer: a whole slot is copied in a
	 * few vector moves, where a copy of flen bytes is a call */
	if (slot != fold)
		memcpy(slot, fold, GT_TOKEN_MAX);
	st->n++;
}

/*
 * Does cur, a word that may start a phrase (hit) joined to the word before
 * it, keep that word as its neighbour?  Only if a form of its phrases looks
 * at it.
 */
static inline int
keeps_neighbour(const gt_lexicon *lex, const gt_token *cur, int hit, int joined)
{
	return hit && joined && (lex->token_info[cur->id].flags & GT_TOKF_LOOKS_BEFORE);
}

/*
 * Keeps the word cur (folded text in scratch) and advances the walks: the
 * rare path, taken when cur may start a phrase or a walk is in progress (or
 * every word is kept).  Returns whether cur was kept.
 */
static NOINLINE int
keep_and_walk(gt_tokenizer *tk, sentence_state *st, gt_token *cur,
			  char *scratch, int joined, int hit, int sparse)
{
	const gt_lexicon *lex = tk->lex;
	int			keep = !sparse || hit ||
		(joined && (st->nwalks > 0 || st->keep_run > 0));
	int			w,
				alive = 0;

	if (keep)
	{
		if (st->last_kept && joined)
			tk->tokens[st->n - 1].flags = st->last.flags;
		else if (keeps_neighbour(lex, cur, hit, joined))
			keep_token(tk, st, &st->last, st->last_fold);
		keep_token(tk, st, cur, scratch);
	}
	if (!sparse)
		return keep;

	if (joined && st->nwalks > 0 && resolve(lex, cur, scratch) >= 0)
	{
		for (w = 0; w < st->nwalks; w++)
		{
			uint32_t	next = gt_lex_step(lex, st->walks[w], cur->id);

			if (next)
				st->walks[alive++] = next;
		}
		if (keep)
			tk->tokens[st->n - 1].id = cur->id;
	}
	st->nwalks = alive;
	if (st->keep_run > 0)
		st->keep_run = joined ? st->keep_run - 1 : 0;
	/* a walk from cur, unless it can only end here and nothing looks past
	 * it (`China`): then the next word is nobody's neighbour, and the
	 * quiet-word loop may take it */
	if (hit && !(lex->token_info[cur->id].flags & GT_TOKF_LAST))
	{
		if (st->nwalks < MAX_WALKS)
			st->walks[st->nwalks++] = lex->token_info[cur->id].root;
		else
			st->keep_run = lex->max_phrase + 1;
	}
	return keep;
}

/*
 * Makes the word at [start, end), the index-th of its sentence, skipped by
 * the quiet-word loop, the last word read again: the next word may need it
 * as a neighbour, or to decide a sentence boundary.  ncont is the number of
 * continuation bytes before start.
 */
static NOINLINE void
reread_word(gt_tokenizer *tk, sentence_state *st, size_t start, size_t end,
			size_t ncont, uint32_t index)
{
	char	   *scratch = tk->fold + (size_t) (GT_SENTENCE_MAX + index % 3) * GT_TOKEN_MAX;
	uint32_t	fl = 0;
	unsigned	acc = 0;
	size_t		saved = tk->ncont;
	gt_token   *w = &st->last;
	const unsigned char *t = tk->text;

	tk->ncont = ncont;
	if (t[start] >= 0xE0)
	{
		/* a character of a script without spaces, alone (the quiet-word
		 * loop skips no other word starting with a 3- or 4-byte character):
		 * as read_other_token reads it */
		uint32_t	cp;
		int			n = gt_utf8_decode(t + start, end - start, &cp);
		const gt_charinfo *ci = gt_char_info(cp);

		memcpy(scratch, ci->fold, ci->flen);
		fl = ci->flen;
		tk->ncont += n - 1;
		w->flags = GT_TF_CONT | GT_TF_NOCASE;
	}
	else
	{
		/* an ASCII letter or digit, or a two-byte character */
		const gt_charinfo *first = t[start] < 0x80 ? &gt_chars_low[t[start]] :
			&gt_chars_low[((t[start] & 0x1F) << 6) | (t[start + 1] & 0x3F)];

		read_word_rest(tk, start, scratch, &fl, &acc);
		/* as read_other_token: a leading mark (no fold) gives no case */
		w->flags = ((first->flags & GT_CF_UPPER) ? GT_TF_CAP : 0) |
			(!(first->flags & (GT_CF_UPPER | GT_CF_LOWER | GT_CF_DIGIT)) &&
			 first->flen > 0 ? GT_TF_NOCASE : 0) |
			((acc & (GT_CF_UPPER | GT_CF_LOWER)) == GT_CF_UPPER ? GT_TF_UPPER : 0);
	}
	w->start = (uint32_t) start;
	w->end = (uint32_t) end;
	w->cstart = (uint32_t) (start - ncont);
	w->cend = (uint32_t) (end - tk->ncont);
	if (index == 0)
		w->flags |= GT_TF_SENT_START;
	w->id = GT_ID_UNRESOLVED;	/* the bloom filter rejected it */
	w->flen = stored_flen(fl);
	st->last_fold = scratch;
	st->last_kept = 0;
	tk->ncont = saved;
}

/* Reads the last word again if the quiet-word loop left it unread. */
static ALWAYS_INLINE void
need_last(gt_tokenizer *tk, sentence_state *st)
{
	if (st->unread)
	{
		st->unread = 0;
		reread_word(tk, st, st->unread_start, st->unread_end,
					st->unread_ncont, st->unread_index);
	}
}

/*
 * Does a sentence end in gap, before a word whose first letter has
 * next_flags?  The word before is read again only if the rule asks whether
 * it is an abbreviation.
 */
static inline int
ends_before(gt_tokenizer *tk, sentence_state *st, unsigned gap,
			unsigned next_flags)
{
	int			r = gap_ends_sentence(gap, next_flags);

	if (r != ENDS_UNLESS_ABBREV)
		return r == ENDS_YES;
	need_last(tk, st);
	return !is_abbreviation(tk, &st->last, st->last_fold);
}

/*
 * Keeps the pending word (st->last) after all, with its neighbour before it,
 * and starts its walk: the next word may continue a phrase it begins.
 */
static NOINLINE void
keep_pending(gt_tokenizer *tk, sentence_state *st, int sparse)
{
	gt_token	w = st->last;
	const char *wf = st->last_fold;

	st->last = st->before;
	st->last_fold = st->before_fold;
	st->last_kept = st->before_kept;
	keep_and_walk(tk, st, &w, (char *) wf, st->pending_joined, 1, sparse);
	st->last = w;
	st->last_kept = 1;
	st->last_fold = tk->fold + (size_t) (st->n - 1) * GT_TOKEN_MAX;
}

/*
 * Skips the quiet words from pos, the *nread-th word of its sentence or
 * the space before it (see skip_quiet_words), and makes the last one skipped
 * the last word read; returns where reading goes on.
 */
static ALWAYS_INLINE size_t
skip_quiet(gt_tokenizer *tk, sentence_state *st, size_t pos, uint32_t *nread)
{
	size_t		room = tk->padded ? 0 : GT_TEXT_PAD,
				ls = 0,
				le = 0,
				lnc = 0,
				nc = tk->ncont,
				limit;
	uint32_t	k;

	if (pos + room >= tk->len)
		return pos;				/* the end of the text: the general path */
	limit = tk->len - room;
	if (limit > tk->next_check)
		limit = tk->next_check; /* let the check callback run */
	pos = skip_quiet_words(tk->lex, tk->text, pos, limit, &ls, &le, &nc, &lnc,
						   GT_SENTENCE_MAX - 1 - *nread, &k, &st->stop, &st->ended);
	tk->ncont = nc;
	*nread += k;
	/* the next word may need the last one skipped, unless a sentence ended */
	if (k > 0 && !st->ended)
	{
		st->unread = 1;
		st->unread_start = ls;
		st->unread_end = le;
		st->unread_ncont = lnc;
		st->unread_index = *nread - 1;
		st->last_kept = 0;
	}
	return pos;
}

/* See tokenize.h. */
int
gt_tokenizer_next(gt_tokenizer *tk, gt_sentence *s)
{
	const unsigned char *t = tk->text;
	const gt_lexicon *lex = tk->lex;
	const size_t len = tk->len;
	size_t		pos = tk->pos;
	uint32_t	nread = 0;		/* words read */
	unsigned	gap = 0;
	int			sparse = lex != NULL && !tk->keep_all;
	sentence_state st;

	st.n = 0;
	st.last_fold = NULL;
	st.last_kept = 0;
	st.nwalks = 0;
	st.keep_run = 0;
	st.pending = 0;
	st.ended = 0;
	st.stop.start = SIZE_MAX;
	st.unread = 0;
	memset(&st.last, 0, sizeof(st.last));

	/* the first words of a sentence may be quiet too */
	if (sparse)
		pos = skip_quiet(tk, &st, pos, &nread);

	while (pos < len && !st.ended)
	{
		unsigned char c = t[pos];
		gt_token	cur;
		char	   *scratch;
		int			joined,
					hit;
		uint64_t	h = 0;

		if (c == ' ')
		{
			/* most separators are one ASCII space */
			gap |= GAP_SPACE | AFTER_TERM(gap);
			pos++;
			continue;
		}
		if (pos >= tk->next_check)
		{
			if (tk->check)
				tk->check(tk->check_arg);
			tk->next_check = pos + CHECK_EVERY;
		}

		if (gt_ascii_fold[c] &&
			!(gt_ascii_case[c] & GT_CF_UPPER && pos + 1 < len && t[pos + 1] == '.'))
		{
			/* an ASCII word (that may go on with other characters) */
			uint32_t	fl = 0;
			unsigned	acc = 0;
			size_t		start = pos;

			if (nread > 0 && (gap & ~GAP_SPACE) && ends_before(tk, &st, gap, gt_ascii_case[c]))
				break;
			if (nread + 2 > GT_SENTENCE_MAX)
				break;			/* a sentence without end: cut it (at the
								 * same word whichever words are kept) */
			scratch = tk->fold + (size_t) (GT_SENTENCE_MAX + nread % 3) * GT_TOKEN_MAX;
			pos = read_ascii_run(t, pos, len, scratch, &fl, &acc);
			cur.cstart = (uint32_t) (start - tk->ncont);
			if (pos < len && t[pos] >= 0x80)
				pos = read_word_rest(tk, pos, scratch, &fl, &acc);
			cur.start = (uint32_t) start;
			cur.end = (uint32_t) pos;
			cur.cend = (uint32_t) (pos - tk->ncont);
			cur.flags = ((gt_ascii_case[c] & GT_CF_UPPER) ? GT_TF_CAP : 0) |
				((acc & (GT_CF_UPPER | GT_CF_LOWER)) == GT_CF_UPPER ? GT_TF_UPPER : 0);
			cur.flen = stored_flen(fl);
		}
		else
		{
			/* everything else, one character at a time */
			uint32_t	cp = c;
			int			clen = 1;
			const gt_charinfo *ci;

			if (c >= 0x80)
				clen = gt_utf8_decode(t + pos, len - pos, &cp);
			ci = gt_char_info(cp);
			if (ci->cls != GT_CC_WORD && ci->cls != GT_CC_CONT)
			{
				if (ci->cls == GT_CC_TERM)
					need_last(tk, &st); /* (a period may be an abbreviation's) */
				gap = add_separator(tk, gap, ci->cls, cp, pos,
									nread > 0 ? &st.last : NULL, st.last_fold);
				tk->ncont += clen - 1;
				pos += clen;
				continue;
			}
			if (nread > 0 && (gap & ~GAP_SPACE) && ends_before(tk, &st, gap, ci->flags))
				break;
			if (nread + 2 > GT_SENTENCE_MAX)
				break;
			scratch = tk->fold + (size_t) (GT_SENTENCE_MAX + nread % 3) * GT_TOKEN_MAX;
			pos = read_other_token(tk, pos, ci, clen, &cur, scratch);
			if (cur.flen == 0)
			{
				gap |= GAP_PUNCT;	/* stray marks: like punctuation */
				continue;
			}
		}

		/* the word's lexicon id, if a bloom filter says it may start a phrase */
		cur.id = -1;
		if (cur.flen > GT_TOKEN_MAX)
		{
			cur.flags |= GT_TF_LONG;
			cur.flen = GT_TOKEN_MAX;
		}
		else if (cur.start == st.stop.start)
		{
			/* the quiet-word loop stopped here and looked the word up */
			h = st.stop.hash;
			cur.id = st.stop.id;
		}
		else if (lex)
		{
			h = gt_hash_padded(scratch, cur.flen);
			cur.id = GT_ID_UNRESOLVED;
			if (gt_bloom_word_has(gt_word_bloom(lex->word_bloom, lex->bloom_mask, h)[GT_BLOOM_FIRST], h))
				cur.id = gt_lex_lookup(lex, h, scratch, cur.flen);
		}
		if (nread == 0)
			cur.flags |= GT_TF_SENT_START;
		joined = nread > 0 && is_joining(gap);
		hit = sparse && cur.id >= 0 && lex->token_info[cur.id].root != 0;
		if (st.unread && keeps_neighbour(lex, &cur, hit, joined))
			need_last(tk, &st);
		if (joined)
			st.last.flags |= GT_TF_JOIN_NEXT |
				((gap & GAP_HYPHEN) ? GT_TF_HYPHEN_NEXT : 0);
		if (joined && st.nwalks > 0 && cur.id == GT_ID_UNRESOLVED)
			cur.id = gt_lex_lookup(lex, h, scratch, cur.flen);	/* a walk asks: the
																 * hash is at hand */

		if (st.pending)
		{
			/* the word before waits for this one (see sentence_state) */
			if (joined && h != 0 &&
				gt_bloom_test(lex->pair_bloom, lex->pair_mask, gt_pair_hash(st.pending_hash, h)))
				keep_pending(tk, &st, sparse);
			st.pending = 0;
		}
		if (hit && st.nwalks == 0 && st.keep_run == 0 &&
			(!(lex->token_info[cur.id].flags & GT_TOKF_ALONE) ||
			 ((lex->token_info[cur.id].flags & GT_TOKF_UPPER_ONLY) && !(cur.flags & GT_TF_UPPER))))
		{
			/* a first word of longer phrases only: wait for the next word */
			st.pending = 1;
			st.pending_joined = joined;
			st.pending_hash = h;
			st.before = st.last;
			st.before_fold = st.last_fold;
			st.before_kept = st.last_kept;
			st.last_kept = 0;
		}
		else if (!sparse || hit || st.nwalks > 0 || st.keep_run > 0)
			st.last_kept = keep_and_walk(tk, &st, &cur, scratch, joined, hit, sparse);
		else
			st.last_kept = 0;
		st.last = cur;
		st.unread = 0;
		st.last_fold = st.last_kept ? tk->fold + (size_t) (st.n - 1) * GT_TOKEN_MAX : scratch;
		nread++;
		gap = 0;

		/* between phrases: skip the quiet words that follow */
		if (sparse && st.nwalks == 0 && st.keep_run == 0 && !st.pending)
			pos = skip_quiet(tk, &st, pos, &nread);	/* (may end the sentence) */
	}
	tk->pos = pos;
	if (nread == 0)
		return 0;
	s->index = ++tk->sentence_no;
	s->ntokens = st.n;
	s->tokens = tk->tokens;
	s->fold = tk->fold;
	return 1;
}
