/*
 * tokenize.h — text to sentences of tokens, in one pass.
 *
 * A token is a word (letters, digits, marks), a dotted acronym (`U.S.`), or
 * one character of a script written without spaces (Han, kana, Thai).  Each
 * token carries its byte and character offsets, its folded text, its case and
 * how it is attached to the next token (same phrase, hyphen), which is all
 * the matcher and the later layers need: nobody re-reads the text.
 */
#ifndef GT_TOKENIZE_H
#define GT_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"

/* Bytes of a token's folded text; longer tokens are never in the lexicon. */
#define GT_TOKEN_MAX 64

/* Tokens in one sentence; a longer run is cut into several sentences. */
#define GT_SENTENCE_MAX 2048

/*
 * Bytes the quiet-word loop (tokenize.c) may read past the position it
 * stops at: it loads eight bytes at a time and looks a few characters
 * ahead.  It stops that far before the end of a text, unless the text is
 * followed by that many readable bytes (gt_tokenizer.pad).
 */
#define GT_TEXT_PAD 96

/* Size of the folded-text buffer: a slot per token, three scratch slots
 * (the word being read and the two before it), and slack for the eight-byte
 * stores of the ASCII fast path. */
#define GT_FOLD_BUFFER_SIZE ((size_t) (GT_SENTENCE_MAX + 3) * GT_TOKEN_MAX + 8)

/* Token flags. */
#define GT_TF_CAP			0x0001	/* first letter upper case */
#define GT_TF_UPPER			0x0002	/* has letters, all upper case */
#define GT_TF_SENT_START	0x0004	/* first token of its sentence */
#define GT_TF_JOIN_NEXT		0x0008	/* next token is in the same phrase */
#define GT_TF_HYPHEN_NEXT	0x0010	/* … and joined to it by a hyphen */
#define GT_TF_ACRONYM		0x0020	/* dotted acronym: U.S. */
#define GT_TF_CONT			0x0040	/* character of a script without spaces */
#define GT_TF_LONG			0x0080	/* folded text longer than GT_TOKEN_MAX */
#define GT_TF_NOCASE		0x0100	/* starts with a letter that has no case
									 * (Han, Arabic …): as good as capitalised */

typedef struct gt_token
{
	uint32_t	start;			/* byte offsets in the text, end exclusive */
	uint32_t	end;
	uint32_t	cstart;			/* character offsets, 0-based, end exclusive */
	uint32_t	cend;
	int32_t		id;				/* lexicon token id, -1 if none, or
								 * GT_ID_UNRESOLVED: see gt_token_id() */
	uint16_t	flags;			/* GT_TF_* */
	uint16_t	flen;			/* bytes of folded text */
} gt_token;

/*
 * A sentence.  With a lexicon, its tokens are only the words the matcher
 * needs (see tokenize.c): words that can start a phrase, the words of the
 * phrases they start, and their direct neighbours; ntokens may be 0.
 * Without a lexicon, or with keep_all, every word.
 */
typedef struct gt_sentence
{
	uint32_t	index;			/* 1-based */
	uint32_t	ntokens;
	gt_token   *tokens;
	const char *fold;			/* token i's folded text: fold + i * GT_TOKEN_MAX */
} gt_sentence;

/* Called now and then during long work, e.g. to honour a cancel request. */
typedef void (*gt_check_fn) (void *arg);

typedef struct gt_tokenizer
{
	const gt_lexicon *lex;		/* may be NULL: token ids stay -1 */
	const unsigned char *text;
	size_t		len;
	size_t		pos;			/* next byte to read */
	size_t		ncont;			/* UTF-8 continuation bytes before pos */
	uint32_t	sentence_no;
	gt_token   *tokens;			/* GT_SENTENCE_MAX of them */
	char	   *fold;			/* GT_FOLD_BUFFER_SIZE bytes */
	gt_check_fn check;
	void	   *check_arg;
	size_t		next_check;		/* byte position of the next check */
	int			keep_all;		/* keep every word, not only those the
								 * matcher needs (tests, the generator) */
	int			padded;			/* GT_TEXT_PAD zero bytes follow text */
} gt_tokenizer;

/*
 * Prepares tk over text; tokens and fold are buffers of the sizes above,
 * owned by the caller.  gt_core_init must have succeeded.  Texts of 4 GB or
 * more are the caller's to refuse (offsets are 32-bit).
 */
void		gt_tokenizer_init(gt_tokenizer *tk, const gt_lexicon *lex,
							  const char *text, size_t len,
							  gt_token *tokens, char *fold);

/* Fills s with the next sentence; returns 1, or 0 at the end of the text. */
int			gt_tokenizer_next(gt_tokenizer *tk, gt_sentence *s);

/*
 * The tokenizer looks up only the words that can start a phrase (a bloom
 * filter rejects the rest at once); the id of any other word is resolved
 * when someone asks, which is rare: the next word of a phrase, a neighbour
 * in a context rule.  Most words of a text are never looked up.
 */
#define GT_ID_UNRESOLVED (-2)

/* Folded text of token i of s. */
static inline const char *
gt_token_fold(const gt_sentence *s, uint32_t i)
{
	return s->fold + (size_t) i * GT_TOKEN_MAX;
}

/* The lexicon id of token i of s (-1 if none), resolving it if needed. */
int32_t		gt_token_id(const gt_lexicon *lex, gt_sentence *s, uint32_t i);

/* Length in bytes of a dotted acronym starting at s, or 0 (acronym.c). */
size_t		gt_acronym_length(const unsigned char *s, size_t n);

#endif
