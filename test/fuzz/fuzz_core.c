/*
 * fuzz_core.c — libFuzzer target for the analysis core (make fuzz).
 *
 * For each input, the whole pipeline runs three times on one reused
 * document, as a backend reuses it: keeping every word, keeping only the
 * words the matcher needs (the default, "sparse"), and gt_doc_entities.
 * It aborts on anything a sanitizer would not see by itself:
 *   - a token or mention outside the input, empty, or out of order;
 *   - character offsets that are not the number of characters before the
 *     byte offsets (a character is one gt_utf8_decode unit: a code point,
 *     or one byte of invalid UTF-8 decoded as U+FFFD);
 *   - a mention whose offsets are not those of its first and last tokens;
 *   - sparse and keep-all modes disagreeing on the mentions (entity, how,
 *     byte and character offsets, sentence) or on the number of sentences,
 *     or a sparse token that keep-all mode does not have;
 *   - gt_doc_entities missing an actor that was mentioned (roles aside:
 *     they count as their holder or state), or miscounting.
 * The tokenizer is also run without a lexicon (the generator's mode).
 *
 * Build and run: make fuzz [FUZZ_SECONDS=60]; reproduce: build/fuzz_core FILE.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "core.h"

/* One mention, as compared between the modes. */
typedef struct fz_mention
{
	int32_t		entity;
	uint32_t	via;
	uint32_t	start,
				end,
				cstart,
				cend,
				sentence;
} fz_mention;

/* One token, to check the sparse tokens against the keep-all ones. */
typedef struct fz_token
{
	uint32_t	start,
				end,
				cstart,
				cend,
				sentence;
} fz_token;

/* A growable array of either. */
typedef struct fz_list
{
	void	   *items;
	size_t		n,
				cap,
				size;
} fz_list;

static gt_doc *doc;
static const gt_lexicon *lex = &gt_builtin_lexicon;
static uint8_t *present;
static uint8_t *mentioned;
static gt_token *raw_tokens;	/* for the tokenizer without a lexicon */
static char *raw_fold;
static uint32_t *char_at;		/* char_at[b]: characters before byte b, or
								 * UINT32_MAX inside a character */
static size_t char_at_cap;
static fz_list ml[2],
			tl[2];
static uint32_t nsentences[2];
static int	checks;				/* calls of the check callback */

#define FAIL(...) \
	do { \
		fprintf(stderr, "fuzz_core: "); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} while (0)

static void *
list_push(fz_list *l)
{
	if (l->n == l->cap)
	{
		l->cap = l->cap ? l->cap * 2 : 256;
		l->items = realloc(l->items, l->cap * l->size);
		if (!l->items)
			FAIL("out of memory");
	}
	return (char *) l->items + l->size * l->n++;
}

static void
count_check(void *arg)
{
	(void) arg;
	checks++;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char		err[256];

	(void) argc;
	(void) argv;
	if (gt_core_init(err, sizeof(err)) < 0)
	{
		fprintf(stderr, "core init failed: %s\n", err);
		exit(1);
	}
	doc = gt_doc_create(lex, &gt_malloc_allocator);
	gt_doc_set_check(doc, count_check, NULL);
	present = malloc(lex->n_entities);
	mentioned = malloc(lex->n_entities);
	raw_tokens = malloc(sizeof(gt_token) * GT_SENTENCE_MAX);
	raw_fold = malloc(GT_FOLD_BUFFER_SIZE);
	ml[0].size = ml[1].size = sizeof(fz_mention);
	tl[0].size = tl[1].size = sizeof(fz_token);
	return 0;
}

/* Fills char_at for text (len bytes), decoding it as the tokenizer does. */
static void
index_characters(const unsigned char *text, size_t len)
{
	size_t		b = 0,
				k;
	uint32_t	chars = 0;

	if (len + 1 > char_at_cap)
	{
		char_at_cap = len + 1;
		char_at = realloc(char_at, char_at_cap * sizeof(uint32_t));
		if (!char_at)
			FAIL("out of memory");
	}
	while (b < len)
	{
		uint32_t	cp;
		int			n = gt_utf8_decode(text + b, len - b, &cp);

		char_at[b] = chars++;
		for (k = 1; k < (size_t) n; k++)
			char_at[b + k] = UINT32_MAX;
		b += n;
	}
	char_at[len] = chars;
}

/* Checks the byte and character offsets of [start, end) against the text. */
static void
check_span(const char *what, uint32_t start, uint32_t end, uint32_t cstart,
		   uint32_t cend, size_t len)
{
	if (!(start < end && end <= len))
		FAIL("%s [%u, %u) is empty or outside the input (%zu bytes)",
			 what, start, end, len);
	if (char_at[start] == UINT32_MAX || char_at[end] == UINT32_MAX)
		FAIL("%s [%u, %u) cuts a character", what, start, end);
	if (cstart != char_at[start] || cend != char_at[end])
		FAIL("%s [%u, %u): characters [%u, %u), expected [%u, %u)",
			 what, start, end, cstart, cend, char_at[start], char_at[end]);
}

/* Runs the document over the text in one mode, checking and recording. */
static void
run_mode(const char *text, size_t len, int keep_all)
{
	const gt_sentence *s;
	const gt_mention *m;
	uint32_t	nm,
				k,
				last_index = 0,
				token_end = 0,
				mention_end = 0;
	fz_list    *mentions = &ml[keep_all],
			   *tokens = &tl[keep_all];
	const char *mode = keep_all ? "keep-all" : "sparse";

	mentions->n = 0;
	tokens->n = 0;
	gt_doc_keep_all(doc, keep_all);
	gt_doc_start(doc, text, len);
	while (gt_doc_next(doc, &s, &m, &nm))
	{
		if (s->index != last_index + 1)
			FAIL("%s: sentence %u after sentence %u", mode, s->index, last_index);
		last_index = s->index;
		if (s->ntokens > GT_SENTENCE_MAX)
			FAIL("%s: sentence %u has %u tokens", mode, s->index, s->ntokens);
		if (nm > s->ntokens)
			FAIL("%s: sentence %u: %u mentions for %u tokens", mode, s->index, nm, s->ntokens);
		for (k = 0; k < s->ntokens; k++)
		{
			const gt_token *t = &s->tokens[k];
			fz_token   *ft;

			check_span(mode, t->start, t->end, t->cstart, t->cend, len);
			if (t->start < token_end)
				FAIL("%s: token [%u, %u) of sentence %u starts before the end of the previous one (%u)",
					 mode, t->start, t->end, s->index, token_end);
			token_end = t->end;
			if (t->flen > GT_TOKEN_MAX)
				FAIL("%s: token [%u, %u) has %u bytes of folded text", mode,
					 t->start, t->end, t->flen);
			ft = list_push(tokens);
			ft->start = t->start;
			ft->end = t->end;
			ft->cstart = t->cstart;
			ft->cend = t->cend;
			ft->sentence = s->index;
		}
		for (k = 0; k < nm; k++)
		{
			fz_mention *fm;

			check_span(mode, m[k].start, m[k].end, m[k].cstart, m[k].cend, len);
			if (m[k].start < mention_end)
				FAIL("%s: mention [%u, %u) overlaps the previous one", mode,
					 m[k].start, m[k].end);
			mention_end = m[k].end;
			if (m[k].entity < 0 || (uint32_t) m[k].entity >= lex->n_entities)
				FAIL("%s: mention [%u, %u) of entity %d", mode, m[k].start,
					 m[k].end, m[k].entity);
			if (m[k].via >= GT_VIA__COUNT)
				FAIL("%s: mention [%u, %u) via %u", mode, m[k].start, m[k].end,
					 m[k].via);
			if (m[k].first_token > m[k].last_token || m[k].last_token >= s->ntokens ||
				m[k].start != s->tokens[m[k].first_token].start ||
				m[k].end != s->tokens[m[k].last_token].end ||
				m[k].cstart != s->tokens[m[k].first_token].cstart ||
				m[k].cend != s->tokens[m[k].last_token].cend)
				FAIL("%s: mention [%u, %u) does not match its tokens %u-%u", mode,
					 m[k].start, m[k].end, m[k].first_token, m[k].last_token);
			fm = list_push(mentions);
			fm->entity = m[k].entity;
			fm->via = m[k].via;
			fm->start = m[k].start;
			fm->end = m[k].end;
			fm->cstart = m[k].cstart;
			fm->cend = m[k].cend;
			fm->sentence = s->index;
		}
	}
	nsentences[keep_all] = last_index;
	gt_doc_keep_all(doc, 0);
}

static void
print_mentions(const char *mode, const fz_list *l)
{
	size_t		i;

	fprintf(stderr, "%s:", mode);
	for (i = 0; i < l->n; i++)
	{
		const fz_mention *m = (const fz_mention *) l->items + i;

		fprintf(stderr, " %s/via%u@%u-%u(c%u-%u)/s%u",
				gt_lex_entity_id(lex, (uint32_t) m->entity), m->via,
				m->start, m->end, m->cstart, m->cend, m->sentence);
	}
	fputc('\n', stderr);
}

/* Both modes found the same mentions, and sparse tokens are keep-all ones. */
static void
compare_modes(void)
{
	const fz_token *all = tl[1].items;
	size_t		i,
				j = 0;

	if (ml[0].n != ml[1].n ||
		(ml[0].n > 0 && memcmp(ml[0].items, ml[1].items, ml[0].n * sizeof(fz_mention)) != 0))
	{
		print_mentions("sparse", &ml[0]);
		print_mentions("keep-all", &ml[1]);
		FAIL("sparse and keep-all modes found different mentions");
	}
	if (nsentences[0] != nsentences[1])
		FAIL("sparse mode found %u sentences, keep-all mode %u",
			 nsentences[0], nsentences[1]);
	for (i = 0; i < tl[0].n; i++)
	{
		const fz_token *t = (const fz_token *) tl[0].items + i;

		while (j < tl[1].n && all[j].start < t->start)
			j++;
		if (j == tl[1].n || memcmp(&all[j], t, sizeof(*t)) != 0)
			FAIL("sparse token [%u, %u) c[%u, %u) of sentence %u is not a keep-all token%s",
				 t->start, t->end, t->cstart, t->cend, t->sentence,
				 j < tl[1].n && all[j].start == t->start ? " (same start)" : "");
	}
}

/* gt_doc_entities: every mentioned actor, and the right count. */
static void
check_entities(const char *text, size_t len)
{
	uint32_t	count,
				n = 0,
				e;
	size_t		i;

	memset(present, 0, lex->n_entities);
	memset(mentioned, 0, lex->n_entities);
	for (i = 0; i < ml[0].n; i++)
		mentioned[((const fz_mention *) ml[0].items)[i].entity] = 1;
	count = gt_doc_entities(doc, text, len, present);
	for (e = 0; e < lex->n_entities; e++)
	{
		if (present[e] > 1)
			FAIL("gt_doc_entities: present[%u] = %u", e, present[e]);
		/* a role (`the foreign minister`) counts as its holder or state */
		if (mentioned[e] && !present[e] && lex->entities[e].kind != GT_KIND_ROLE)
			FAIL("gt_doc_entities: %s was mentioned but is not present",
				 gt_lex_entity_id(lex, e));
		n += present[e];
	}
	if (n != count)
		FAIL("gt_doc_entities returned %u, but %u actors are present", count, n);
}

/* The tokenizer alone, without a lexicon: every word. */
static void
run_without_lexicon(const char *text, size_t len)
{
	gt_tokenizer tk;
	gt_sentence s;
	uint32_t	k,
				last_index = 0,
				token_end = 0;

	gt_tokenizer_init(&tk, NULL, text, len, raw_tokens, raw_fold);
	while (gt_tokenizer_next(&tk, &s))
	{
		if (s.index != last_index + 1 || s.ntokens > GT_SENTENCE_MAX)
			FAIL("no lexicon: sentence %u (%u tokens) after sentence %u",
				 s.index, s.ntokens, last_index);
		last_index = s.index;
		for (k = 0; k < s.ntokens; k++)
		{
			const gt_token *t = &s.tokens[k];

			check_span("no lexicon", t->start, t->end, t->cstart, t->cend, len);
			if (t->start < token_end)
				FAIL("no lexicon: token [%u, %u) out of order", t->start, t->end);
			token_end = t->end;
			if (t->id != -1)
				FAIL("no lexicon: token [%u, %u) has id %d", t->start, t->end, t->id);
		}
	}
}

/*
 * Users' own actors (custom.c): the same built-in actors as
 * gt_doc_entities, and custom aliases found only where their words are.
 */
static void
check_custom(const char *text, size_t len)
{
	static gt_custom *custom;
	static uint8_t *builtin;
	uint8_t		custom_present[4] = {0, 0, 0, 0};
	uint32_t	e;

	if (!custom)
	{
		custom = gt_custom_create(lex, &gt_malloc_allocator);
		if (gt_custom_add(custom, "groupe Wagner", 13, 0) < 0 ||
			gt_custom_add(custom, "PKK", 3, 1) < 0 ||
			gt_custom_add(custom, "中国", 6, 2) < 0 ||
			gt_custom_add(custom, "Chine", 5, 3) < 0 ||
			gt_custom_add(custom, "a, b", 4, 0) != GT_CUSTOM_PUNCTUATION)
			FAIL("gt_custom_add: unexpected result on a fixed alias");
		builtin = malloc(lex->n_entities);
	}
	memset(builtin, 0, lex->n_entities);
	gt_doc_entities_custom(doc, custom, text, len, builtin, custom_present);
	for (e = 0; e < lex->n_entities; e++)
		if (builtin[e] != present[e])
			FAIL("gt_doc_entities_custom: built-in %s differs from gt_doc_entities",
				 gt_lex_entity_id(lex, e));
	for (e = 0; e < 4; e++)
		if (custom_present[e] > 1)
			FAIL("gt_doc_entities_custom: custom_present[%u] = %u", e, custom_present[e]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact copy: a read past the end is an ASan error */
	char	   *text = malloc(size ? size : 1);

	memcpy(text, data, size);
	index_characters((const unsigned char *) text, size);
	run_mode(text, size, 1);
	run_mode(text, size, 0);
	compare_modes();
	check_entities(text, size);
	check_custom(text, size);
	run_without_lexicon(text, size);
	free(text);
	return 0;
}
