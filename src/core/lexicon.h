/*
 * lexicon.h — the compiled lexicon: pointer-free tables the matcher reads.
 *
 * The generator (src/lexicon/generator/gen_lexicon.c) fills these tables from
 * the TSV files of src/lexicon/ and CLDR names, and writes them as constant C
 * arrays (src/core/lexicon_data.c).  Nothing here is built at run time, so
 * the first call in a backend costs nothing but page faults.
 *
 * Matching is token based.  A folded token (lower case, no accents) is looked
 * up in an open-addressing hash table; a phrase is a path of token ids in a
 * trie whose edges live in a second hash table keyed by (state, token id).
 */
#ifndef GT_LEXICON_H
#define GT_LEXICON_H

#include <stdint.h>

#include "hash.h"

/* Actor kinds, as geo_mentions reports them. */
enum gt_kind
{
	GT_KIND_COUNTRY = 0,
	GT_KIND_ORGANISATION = 1,
	GT_KIND_BLOC = 2,
	GT_KIND_PERSON = 3,
	GT_KIND_ROLE = 4,			/* an office named without a person (`the
								 * foreign minister`): internal, never returned */
	GT_KIND__COUNT
};

/* Offices (actors/offices*.tsv). */
enum gt_role
{
	GT_ROLE_NONE = 0,
	GT_ROLE_HEAD_OF_STATE = 1,
	GT_ROLE_HEAD_OF_GOVERNMENT = 2,
	GT_ROLE_FOREIGN_MINISTER = 3,
	GT_ROLE_DEFENCE_MINISTER = 4,
	GT_ROLE_ORG_HEAD = 5,
	GT_ROLE_DEPUTY_HEAD = 6,	/* vice-president, deputy prime minister */
	GT_ROLE_MINISTER = 7,		/* any other member of a government */
	GT_ROLE__COUNT
};

/* How a mention names its actor (the class column of aliases/). */
enum gt_via
{
	GT_VIA_NAME = 0,
	GT_VIA_CAPITAL = 1,
	GT_VIA_DEMONYM = 2,
	GT_VIA_PREFIX = 3,
	GT_VIA_SURNAME = 4,			/* a person's surname alone */
	GT_VIA_TITLE = 5,			/* a title and a surname: `M. Lavrov` */
	GT_VIA_ROLE = 6,			/* an office: `the Russian president` */
	GT_VIA_IMPLIED = 7,			/* implied by another mention (a person's state) */
	GT_VIA__COUNT
};

/* Case conditions (rules/context.tsv). */
enum gt_case
{
	GT_CASE_ANY = 0,
	GT_CASE_CAP = 1,			/* first and last words capitalised */
	GT_CASE_UPPER = 2,			/* every letter upper case */
	GT_CASE_LAST_CAP = 3,		/* last word capitalised (`le président Xi`) */
	GT_CASE_FIRST_CAP = 4		/* first word capitalised (`Moon Jae-in`) */
};

/* Bits of the abbreviation bloom: a few hundred tokens, one cache line's
 * worth of reading per sentence end. */
#define GT_ABBREV_BLOOM_BITS 4096

/*
 * Bits of the word prefilter: one bit per slot (gt_prefilter_slot), set for
 * every token that starts a phrase or is an abbreviation.  16 kB: a few
 * per cent of its bits are set, so nineteen words in twenty that are neither
 * are rejected by one bit, before any hash.
 */
#define GT_PREFILTER_BITS 131072

/* Flags of a token id (gt_lex_token_info.flags). */
#define GT_TOKF_ABBREV		0x01	/* a following period does not end a sentence */
#define GT_TOKF_ABBREV_CAP	0x02	/* … only when capitalised (`Me`, not `me`) */
#define GT_TOKF_UPPER_ONLY	0x04	/* a phrase by itself only in capitals (`UN`) */
#define GT_TOKF_ALONE		0x08	/* a phrase by itself (its root state has
									 * aliases), in capitals at least */
#define GT_TOKF_LAST		0x10	/* ALONE, no longer phrase starts with it,
									 * and none of its forms looks at the word
									 * after it: the tokenizer need not read
									 * that word for it */
#define GT_TOKF_LOOKS_BEFORE 0x20	/* a form of a phrase it starts looks at
									 * the word before the phrase (a surname,
									 * a context rule): the tokenizer keeps
									 * that word, which it need not otherwise */

/* Flags of an alias. */
#define GT_ALIASF_PREFIX	0x01	/* counts only when a hyphen follows */
#define GT_ALIASF_AFTER_FULL 0x02	/* counts only after the actor's full
									 * name in the same document */
#define GT_ALIASF_ALONE		0x04	/* a surname: not next to another
									 * capitalised word (`Antony Blinken` is
									 * not A. K. Antony) */
#define GT_ALIASF_MID_SENTENCE 0x08	/* a surname that is also a common
									 * word (`Trump`): alone, it counts
									 * capitalised but not as the first
									 * word of a sentence, unless the
									 * document named the person before */

/*
 * One slot of the token hash table.  Eight bytes, so that the table stays
 * in the L2 cache: most lookups are of words that are not in the lexicon
 * (a sentence's last word before a period, a bloom filter's false
 * positive), and those touch nothing else.  check == 0 marks an empty slot.
 */
typedef struct gt_lex_token
{
	uint32_t	check;			/* gt_token_check(hash) */
	int32_t		id;				/* token id */
} gt_lex_token;

/* What the lexicon knows of a token id, in one place: one cache line. */
typedef struct gt_lex_token_info
{
	uint32_t	text;			/* offset of the folded text in strings */
	uint32_t	root;			/* state after this token from the trie's
								 * root, 0 if no phrase starts with it */
	uint16_t	len;			/* bytes of folded text */
	uint8_t		flags;			/* GT_TOKF_* */
	uint8_t		pad;
} gt_lex_token_info;

/* The part of a token's hash its table slot keeps; never 0. */
static inline uint32_t
gt_token_check(uint64_t hash)
{
	return (uint32_t) (hash >> 32) | 1;
}

/* One trie edge; key == 0 marks an empty slot. */
typedef struct gt_lex_edge
{
	uint64_t	key;			/* gt_edge_key(from state, token id) */
	uint32_t	to;				/* target state */
	uint32_t	pad;
} gt_lex_edge;

/* A trie state: the aliases that end there (possibly none). */
typedef struct gt_lex_state
{
	uint32_t	alias_first;
	uint32_t	alias_count;
} gt_lex_state;

/* What a phrase means, with the conditions under which it counts. */
typedef struct gt_lex_alias
{
	int32_t		entity;			/* entity index, or -1 for a blocker */
	uint8_t		via;			/* enum gt_via */
	uint8_t		casemode;		/* enum gt_case */
	uint8_t		flags;			/* GT_ALIASF_* */
	uint8_t		pad;
	int32_t		context;		/* index in contexts, or -1 */
} gt_lex_alias;

/* Neighbour-word conditions (unless_prev / unless_next). */
typedef struct gt_lex_context
{
	uint32_t	prev_first;		/* token ids in ctx_tokens */
	uint32_t	prev_count;
	uint32_t	next_first;
	uint32_t	next_count;
	uint8_t		prev_cap;		/* any capitalised, non-initial word before */
	uint8_t		next_cap;		/* any capitalised word after */
	uint16_t	pad;
} gt_lex_context;

/* An actor. */
typedef struct gt_lex_entity
{
	uint32_t	id;				/* offset of its id (NUL-terminated) in strings */
	uint32_t	name_en;		/* offset of its English name in strings */
	uint32_t	name_fr;		/* … French name ("" if none) */
	uint32_t	wikidata;		/* … Wikidata QID ("" if unknown) */
	uint8_t		kind;			/* enum gt_kind */
	uint8_t		role;			/* GT_KIND_ROLE: enum gt_role of the office */
	uint8_t		pad[2];
	int32_t		country;		/* GT_KIND_ROLE: the state the form implies, or -1 */
	uint32_t	implies_first;	/* entity indexes in implies */
	uint32_t	implies_count;
	uint32_t	office_first;	/* persons: offices, latest first */
	uint32_t	office_count;
} gt_lex_entity;

/* A term in office. */
typedef struct gt_lex_office
{
	uint32_t	person;			/* entity index */
	uint32_t	country;		/* entity index of the state or organisation */
	uint8_t		role;			/* enum gt_role */
	uint8_t		pad[3];
	int32_t		from;			/* YYYYMMDD */
	int32_t		to;				/* YYYYMMDD, or GT_OFFICE_OPEN */
} gt_lex_office;

#define GT_OFFICE_OPEN 99991231

typedef struct gt_lexicon
{
	const char *version;		/* human-readable lexicon version */
	uint64_t	checksum;		/* over every table below */
	const char *strings;

	uint32_t	n_entities;		/* entities are sorted by id (byte order) */
	const gt_lex_entity *entities;
	const uint32_t *implies;

	uint32_t	token_mask;		/* token table size - 1 (a power of two) */
	const gt_lex_token *tokens;
	uint32_t	n_token_ids;
	const gt_lex_token_info *token_info;	/* per token id */

	uint32_t	bloom_mask;		/* bits - 1 of each of the three blooms */
	const uint64_t *word_bloom; /* two blooms side by side: gt_word_bloom() */
	const uint64_t *upper_bloom;	/* tokens that are a phrase by themselves
									 * only when written in capitals (`UN`,
									 * not the article `un`) */
	const uint64_t *pair_bloom; /* gt_pair_hash of the first two tokens of the
								 * phrases whose first token is not one */
	uint32_t	pair_mask;		/* pair_bloom bits - 1 */
	const uint64_t *abbrev_bloom;	/* GT_ABBREV_BLOOM_BITS: the tokens after
									 * which a period may not end a sentence
									 * (GT_TOKF_ABBREV) */
	const uint64_t *prefilter;	/* GT_PREFILTER_BITS: see gt_prefilter_slot */
	const uint64_t *second_prefilter;	/* the same, set for the second
										 * token of each pair of the pair
										 * bloom */

	uint32_t	edge_mask;
	const gt_lex_edge *edges;
	uint32_t	n_states;
	const gt_lex_state *states;
	uint32_t	n_aliases;
	const gt_lex_alias *aliases;
	uint32_t	n_contexts;
	const gt_lex_context *contexts;
	const int32_t *ctx_tokens;

	uint32_t	n_offices;		/* sorted by person, latest first */
	const gt_lex_office *offices;
	const uint32_t *office_posts;	/* indexes in offices, by state, role
									 * and start: a post's holders together */

	uint32_t	n_forms;		/* statistics for geotext_version() */
	uint32_t	max_phrase;		/* tokens in the longest phrase */
} gt_lexicon;

/* The lexicon compiled into the library (lexicon_data.c). */
extern const gt_lexicon gt_builtin_lexicon;

/* Key of the edge (state, token) in the edge table; never 0. */
static inline uint64_t
gt_edge_key(uint32_t state, int32_t token)
{
	return (((uint64_t) state << 32) | (uint32_t) token) + 1;
}

/* The state an edge of key leaves (the inverse of gt_edge_key)... */
static inline uint32_t
gt_edge_from(uint64_t key)
{
	return (uint32_t) ((key - 1) >> 32);
}

/* ... and the token it reads. */
static inline uint32_t
gt_edge_token(uint64_t key)
{
	return (uint32_t) ((key - 1) & 0xFFFFFFFFu);
}

/* Slot index for a 64-bit key or hash in a table of mask + 1 slots. */
static inline uint32_t
gt_slot(uint64_t h, uint32_t mask)
{
	return (uint32_t) (h ^ (h >> 29)) & mask;
}

/* First slot of an edge key (keys are small integers: mix them first). */
static inline uint32_t
gt_edge_slot(uint64_t key, uint32_t mask)
{
	return gt_slot(key * 0x9E3779B97F4A7C15ULL, mask);
}

/* Next slot of a linear probe. */
static inline uint32_t
gt_next_slot(uint32_t slot, uint32_t mask)
{
	return (slot + 1) & mask;
}

/*
 * The bloom filters are blocked: a hash sets two bits of one 64-bit word, so
 * a test is one memory access, and a word outside the lexicon passes with a
 * probability of about the square of the fill (a filter with one bit per
 * hash let through whole frequent words such as `as` or `you`).  Bits 40 and
 * up choose the word, the low twelve bits the two bits in it.
 */
static inline uint64_t
gt_bloom_bits(uint64_t h)
{
	return ((uint64_t) 1 << (h & 63)) | ((uint64_t) 1 << ((h >> 6) & 63));
}

/*
 * The two blooms every word meets, side by side so that one cache line
 * answers both: for hash h, word [0] of the pair returned holds the bits of
 * the tokens that start a phrase (token_info root != 0), word [1] those of the
 * tokens that are a phrase by themselves (not only in capitals).
 */
#define GT_BLOOM_FIRST 0
#define GT_BLOOM_QUIET 1

static inline const uint64_t *
gt_word_bloom(const uint64_t *word_bloom, uint32_t mask, uint64_t h)
{
	return word_bloom + 2 * ((uint32_t) (h >> 40) & (mask >> 6));
}

/* Does bloom word w hold hash h? */
static inline int
gt_bloom_word_has(uint64_t w, uint64_t h)
{
	uint64_t	m = gt_bloom_bits(h);

	return (w & m) == m;
}

/* Tests hash h in bloom filter b of mask + 1 bits. */
static inline int
gt_bloom_test(const uint64_t *b, uint32_t mask, uint64_t h)
{
	uint64_t	m = gt_bloom_bits(h);

	return (b[(uint32_t) (h >> 40) & (mask >> 6)] & m) == m;
}

/* Adds hash h to bloom filter b of mask + 1 bits. */
static inline void
gt_bloom_set(uint64_t *b, uint32_t mask, uint64_t h)
{
	b[(uint32_t) (h >> 40) & (mask >> 6)] |= gt_bloom_bits(h);
}

/*
 * The slot of folded text s (len bytes, 4 readable) in the word prefilter:
 * from its first four bytes and its length only, so the quiet-word loop can
 * reject most words without hashing them.  The generator sets the slots.
 */
static inline uint32_t
gt_prefilter_slot(const char *s, uint32_t len)
{
	uint32_t	w;
	uint32_t	n = len < 4 ? len : 4;

	memcpy(&w, s, 4);
	w &= (uint32_t) (((uint64_t) 1 << (8 * n)) - 1);
	return (uint32_t) ((((uint64_t) w << 8 | (len < 255 ? len : 255)) * GT_HASH_MUL) >> 32) &
		(GT_PREFILTER_BITS - 1);
}

/* May folded text s (len bytes, 4 readable) start a phrase or be an
 * abbreviation?  0 means surely not. */
static inline int
gt_prefilter_has(const uint64_t *prefilter, const char *s, uint32_t len)
{
	uint32_t	slot = gt_prefilter_slot(s, len);

	return (prefilter[slot >> 6] >> (slot & 63)) & 1;
}

/* Token id of folded text, or -1.  hash = gt_hash(text, len). */
int32_t		gt_lex_lookup(const gt_lexicon *lex, uint64_t hash,
						  const char *text, uint32_t len);

/* Trie transition, or 0 when there is none. */
uint32_t	gt_lex_step(const gt_lexicon *lex, uint32_t state, int32_t token);

/* The id string of an entity. */
static inline const char *
gt_lex_entity_id(const gt_lexicon *lex, uint32_t entity)
{
	return lex->strings + lex->entities[entity].id;
}

const char *gt_kind_name(int kind);
const char *gt_via_name(int via);
const char *gt_role_name(int role);

#endif
