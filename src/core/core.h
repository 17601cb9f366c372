/*
 * core.h — the geotext analysis core: plain C, ICU and PCRE2, no PostgreSQL.
 *
 * The pipeline is text -> sentences of tokens (tokenize.h) -> mentions of
 * actors (match.c) -> per-document results.  The PostgreSQL layer (src/pg/),
 * the unit tests, the fuzz target and the benchmark all call this API; memory
 * comes from the caller's allocator so that PostgreSQL can use palloc.
 */
#ifndef GT_CORE_H
#define GT_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "tokenize.h"

#define GT_VERSION "0.2.0"

/* A mention of an actor in a sentence. */
typedef struct gt_mention
{
	int32_t		entity;			/* entity index in the lexicon */
	uint8_t		via;			/* enum gt_via */
	uint8_t		pad[3];
	uint32_t	first_token;	/* tokens of the sentence it spans */
	uint32_t	last_token;
	uint32_t	start;			/* byte offsets, end exclusive */
	uint32_t	end;
	uint32_t	cstart;			/* character offsets, 0-based, end exclusive */
	uint32_t	cend;
} gt_mention;

/* Memory for the core: alloc never returns NULL (it fails its own way). */
typedef struct gt_allocator
{
	void	   *(*alloc) (size_t size, void *arg);
	void		(*release) (void *ptr, void *arg);
	void	   *arg;
} gt_allocator;

/* The malloc-based allocator (aborts when memory runs out). */
extern const gt_allocator gt_malloc_allocator;

/*
 * Initialises ICU and PCRE2 state once per process.  Returns 0, or -1 with a
 * message in err.  Every other call requires it to have succeeded.
 */
int			gt_core_init(char *err, size_t errlen);

/* Longest text the core accepts (offsets are 32-bit). */
#define GT_TEXT_MAX ((size_t) 0xFFFFFFF0u)

/*
 * A document being analysed, one sentence at a time, in bounded memory.
 * Its buffers (a few hundred kB, and a copy of texts up to 1 MB: see
 * gt_doc_start in core.c) are meant to be reused from one text to
 * the next: allocating and touching them per text would cost more than
 * analysing a short article.
 */
typedef struct gt_doc gt_doc;

gt_doc	   *gt_doc_create(const gt_lexicon *lex, const gt_allocator *alloc);
void		gt_doc_set_check(gt_doc *doc, gt_check_fn fn, void *arg);

/*
 * Makes the document keep every word instead of only those the matcher
 * needs (tokenize.c): the same mentions, more slowly.  For tests that check
 * exactly that.
 */
void		gt_doc_keep_all(gt_doc *doc, int on);

/* Starts analysing a new text (which must outlive the analysis). */
void		gt_doc_start(gt_doc *doc, const char *text, size_t len);

/*
 * Advances to the next sentence; returns 1 with its tokens and mentions
 * (valid until the next call), or 0 at the end.
 */
int			gt_doc_next(gt_doc *doc, const gt_sentence **sentence,
						const gt_mention **mentions, uint32_t *nmentions);
void		gt_doc_destroy(gt_doc *doc);

/*
 * Finds the mentions of one sentence; out has room for s->ntokens.  It
 * resolves the token ids it needs (tokenize.h), hence s is not const.
 * seen (lex->n_entities bytes, or NULL) records the actors named in full so
 * far in the document, for surnames that count only after the full name.
 */
uint32_t	gt_match_sentence(const gt_lexicon *lex, gt_sentence *s,
							  gt_mention *out, uint8_t *seen);

/*
 * The set of actors a text mentions, implied ones included: present[i] is
 * set to 1 for each entity index i (present has lex->n_entities bytes,
 * zeroed by the caller).  Returns the number of distinct actors.
 */
uint32_t	gt_doc_entities(gt_doc *doc, const char *text, size_t len,
							uint8_t *present);

/*
 * The same on a date (YYYYMMDD; 0 for none): a role named next to a state
 * (`the Russian president`) also adds the person who held that office on
 * that date.  Persons named by name are found whatever the date.
 */
uint32_t	gt_doc_entities_at(gt_doc *doc, const char *text, size_t len,
							   int32_t date, uint8_t *present);

/*
 * For the role mention m[k] of a sentence's mentions m[0..nm): the office
 * holder on date (an entity index, or -1), and in *state the state it
 * resolved to (or -1).
 */
int32_t		gt_role_holder(const gt_lexicon *lex, const gt_mention *m,
						   uint32_t nm, uint32_t k, int32_t date,
						   int32_t *state);

/* The lexicon a document uses. */
const gt_lexicon *gt_doc_lexicon(const gt_doc *doc);

/*
 * Marks in present the actors of a sentence's mentions, as gt_doc_entities_at
 * does (a role counts as its holder on date, or its state); returns how many
 * were new.
 */
uint32_t	gt_mark_mentions(const gt_lexicon *lex, const gt_mention *m,
							 uint32_t nm, int32_t date, uint8_t *present);

/* Marks entity e and the entities it implies in present; returns how many
 * were new. */
uint32_t	gt_mark_entity(const gt_lexicon *lex, uint32_t e, uint8_t *present);

/*
 * Users' own actors (custom.c): aliases added at run time, each for an
 * actor number of the caller's (0 .. n-1).
 */
typedef struct gt_custom gt_custom;

/* lex: the lexicon of the texts, whose abbreviations aliases are read with */
gt_custom  *gt_custom_create(const gt_lexicon *lex, const gt_allocator *alloc);

/* Why gt_custom_add refused an alias. */
typedef enum gt_custom_error
{
	GT_CUSTOM_OK = 0,
	GT_CUSTOM_NO_WORD = -1,		/* no letter or digit */
	GT_CUSTOM_TOO_MANY_WORDS = -2,	/* more than GT_CUSTOM_MAX_WORDS */
	GT_CUSTOM_SENTENCES = -3,	/* a sentence ends inside it */
	GT_CUSTOM_PUNCTUATION = -4, /* punctuation between two of its words */
	GT_CUSTOM_LONG_WORD = -5	/* a word of more than GT_TOKEN_MAX bytes
								 * folded: no word of a text is compared
								 * that far */
} gt_custom_error;

#define GT_CUSTOM_MAX_WORDS 32

/*
 * Adds an alias, tokenized as texts are (with the lexicon's abbreviations,
 * so `Gen. Haftar` is one phrase); returns GT_CUSTOM_OK or why it is not a
 * single phrase.
 */
gt_custom_error gt_custom_add(gt_custom *c, const char *alias, size_t len,
							  uint32_t actor);

/* What gt_custom_add would say of alias, without a matcher to add it to. */
gt_custom_error gt_custom_check(const gt_lexicon *lex, const char *alias,
								size_t len);
void		gt_custom_destroy(gt_custom *c);

/*
 * The built-in actors of a text (in present, as gt_doc_entities) and the
 * custom actors whose aliases it contains (custom_present[actor] = 1).
 */
uint32_t	gt_doc_entities_custom(gt_doc *doc, const gt_custom *c,
								   const char *text, size_t len,
								   uint8_t *present, uint8_t *custom_present);

/*
 * A library failure during analysis.  Once gt_core_init has succeeded, ICU
 * and PCRE2 are not expected to fail, but they can (memory, a PCRE2 match
 * limit).  The core then finishes the text, the character read as a symbol
 * or the period as no acronym, and records the failure here, so that the
 * caller can refuse the result instead of returning it as if all were well.
 * The record is process-wide, like the character cache (one analysis at a
 * time), and keeps the first failure: the later ones are usually its
 * consequences.
 */
typedef struct gt_failure
{
	const char *library;		/* "ICU" or "PCRE2" */
	const char *call;			/* the library function that failed */
	char		text[128];		/* the library's own error text */
} gt_failure;

/*
 * The failure of the last analysis, or NULL: a text's (gt_doc_start starts
 * a text with none recorded), or an alias's (gt_custom_add and
 * gt_custom_check read an alias from none).  One load: check it once per
 * text.
 */
const gt_failure *gt_core_failure(void);

/* Forgets the recorded failure. */
void		gt_core_failure_clear(void);

/* Internal: records a failure (chars.c, acronym.c), unless one is already. */
void		gt_core_fail(const char *library, const char *call, const char *text);

#ifdef GT_TEST_HOOKS

/*
 * Test builds only (the unit tests): while set, every character computed
 * afresh fails as if ICU had run out of memory, and every call of the
 * acronym pattern as if PCRE2 had hit its match limit.
 */
extern int	gt_test_fail_icu;
extern int	gt_test_fail_pcre2;
#endif

/* Versions, for geotext_version(). */
const char *gt_pcre2_version(void);
const char *gt_icu_version(void);

/* Internal: the acronym matcher's initialisation (acronym.c). */
int			gt_acronym_init(char *err, size_t errlen);

#endif
