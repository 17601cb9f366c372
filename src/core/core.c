/*
 * core.c — initialisation and the document pipeline.
 */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uversion.h>

#include "chars.h"

struct gt_doc
{
	const gt_lexicon *lex;
	const gt_allocator *alloc;
	gt_tokenizer tk;
	gt_sentence sentence;
	gt_token   *tokens;			/* GT_SENTENCE_MAX of them */
	char	   *fold;			/* GT_FOLD_BUFFER_SIZE bytes */
	gt_mention *mentions;		/* GT_SENTENCE_MAX of them */
	uint8_t    *seen;			/* actors named in full so far */
	int			keep_all;
	char	   *copy;			/* the text, padded (see gt_doc_start) */
	size_t		copy_size;
};

/*
 * Texts up to this size are read from a copy followed by GT_TEXT_PAD zero
 * bytes, so that the quiet-word loop reads them to their last word instead
 * of leaving the last GT_TEXT_PAD bytes to the slower general path: that is
 * about 5 % of a 2 kB article, and the copy costs far less.  Longer texts
 * are read in place: the copy would add their size to the memory used for
 * a gain too small to see.
 */
#define COPY_MAX ((size_t) 1 << 20)

/* malloc that gives up loudly: the core cannot continue without memory. */
static void *
malloc_or_die(size_t size, void *arg)
{
	void	   *p = malloc(size);

	(void) arg;
	if (!p)
	{
		fprintf(stderr, "geotext: out of memory\n");
		abort();
	}
	return p;
}

static void
free_plain(void *ptr, void *arg)
{
	(void) arg;
	free(ptr);
}

const gt_allocator gt_malloc_allocator = {malloc_or_die, free_plain, NULL};

/* See core.h. */
int
gt_core_init(char *err, size_t errlen)
{
	if (gt_chars_init(err, errlen) < 0)
		return -1;
	if (gt_acronym_init(err, errlen) < 0)
		return -1;
	return 0;
}

/* The failure of the last analysis: failure.library is NULL when none. */
static gt_failure failure;

/* See core.h. */
const gt_failure *
gt_core_failure(void)
{
	return failure.library ? &failure : NULL;
}

/* See core.h. */
void
gt_core_failure_clear(void)
{
	failure.library = NULL;
}

/* See core.h. */
void
gt_core_fail(const char *library, const char *call, const char *text)
{
	if (failure.library)
		return;
	failure.call = call;
	snprintf(failure.text, sizeof(failure.text), "%s", text);
	failure.library = library;
}

/* See core.h. */
const char *
gt_icu_version(void)
{
	static char buf[U_MAX_VERSION_STRING_LENGTH];

	if (!buf[0])
	{
		UVersionInfo v;

		u_getVersion(v);
		u_versionToString(v, buf);
	}
	return buf;
}

/* See core.h. */
gt_doc *
gt_doc_create(const gt_lexicon *lex, const gt_allocator *alloc)
{
	gt_doc	   *doc = alloc->alloc(sizeof(gt_doc), alloc->arg);

	memset(doc, 0, sizeof(*doc));
	doc->lex = lex;
	doc->alloc = alloc;
	doc->tokens = alloc->alloc(sizeof(gt_token) * GT_SENTENCE_MAX, alloc->arg);
	doc->fold = alloc->alloc(GT_FOLD_BUFFER_SIZE, alloc->arg);
	doc->mentions = alloc->alloc(sizeof(gt_mention) * GT_SENTENCE_MAX, alloc->arg);
	doc->seen = alloc->alloc(lex->n_entities, alloc->arg);
	gt_doc_start(doc, "", 0);
	return doc;
}

/* text copied into the document's buffer, GT_TEXT_PAD zero bytes after
 * it (len <= COPY_MAX); the buffer grows to the longest text seen. */
static const char *
padded_copy(gt_doc *doc, const char *text, size_t len)
{
	if (len + GT_TEXT_PAD > doc->copy_size)
	{
		size_t		size = 4096;

		while (size < len + GT_TEXT_PAD)
			size *= 2;
		if (size > COPY_MAX + GT_TEXT_PAD)
			size = COPY_MAX + GT_TEXT_PAD;	/* (not 2 MB for a 1 MB text) */
		if (doc->copy)
			doc->alloc->release(doc->copy, doc->alloc->arg);
		doc->copy = NULL;		/* (if alloc throws, nothing dangles) */
		doc->copy_size = 0;
		doc->copy = doc->alloc->alloc(size, doc->alloc->arg);
		doc->copy_size = size;
	}
	if (len > 0)
		memcpy(doc->copy, text, len);	/* (text may be NULL when len is 0) */
	memset(doc->copy + len, 0, GT_TEXT_PAD);
	return doc->copy;
}

/* See core.h. */
void
gt_doc_start(gt_doc *doc, const char *text, size_t len)
{
	gt_check_fn check = doc->tk.check;
	void	   *arg = doc->tk.check_arg;
	int			padded = len <= COPY_MAX;

	gt_core_failure_clear();
	if (padded)
		text = padded_copy(doc, text, len);
	gt_tokenizer_init(&doc->tk, doc->lex, text, len, doc->tokens, doc->fold);
	doc->tk.padded = padded;
	memset(doc->seen, 0, doc->lex->n_entities);
	doc->tk.keep_all = doc->keep_all;
	doc->tk.check = check;
	doc->tk.check_arg = arg;
}

/* See core.h. */
const gt_lexicon *
gt_doc_lexicon(const gt_doc *doc)
{
	return doc->lex;
}

/* See core.h. */
void
gt_doc_keep_all(gt_doc *doc, int on)
{
	doc->keep_all = on;
}

/* See core.h. */
void
gt_doc_set_check(gt_doc *doc, gt_check_fn fn, void *arg)
{
	doc->tk.check = fn;
	doc->tk.check_arg = arg;
}

/* See core.h. */
int
gt_doc_next(gt_doc *doc, const gt_sentence **sentence,
			const gt_mention **mentions, uint32_t *nmentions)
{
	if (!gt_tokenizer_next(&doc->tk, &doc->sentence))
		return 0;
	*nmentions = gt_match_sentence(doc->lex, &doc->sentence, doc->mentions,
								   doc->seen);
	*sentence = &doc->sentence;
	*mentions = doc->mentions;
	return 1;
}

/* See core.h. */
void
gt_doc_destroy(gt_doc *doc)
{
	const gt_allocator *a = doc->alloc;

	a->release(doc->tokens, a->arg);
	a->release(doc->fold, a->arg);
	a->release(doc->mentions, a->arg);
	a->release(doc->seen, a->arg);
	if (doc->copy)
		a->release(doc->copy, a->arg);
	a->release(doc, a->arg);
}

/*
 * Marks entity e and the entities it implies (the generator stores the
 * transitive closure, so one level is enough).
 */
uint32_t
gt_mark_entity(const gt_lexicon *lex, uint32_t e, uint8_t *present)
{
	const gt_lex_entity *ent = &lex->entities[e];
	uint32_t	added = 0,
				k;

	if (!present[e])
	{
		present[e] = 1;
		added++;
	}
	for (k = 0; k < ent->implies_count; k++)
	{
		uint32_t	x = lex->implies[ent->implies_first + k];

		if (!present[x])
		{
			present[x] = 1;
			added++;
		}
	}
	return added;
}

/*
 * The office holder a role mention names on date (YYYYMMDD), or -1: the
 * state is the role's own (`Secretary of State`) or the state mentioned
 * closest to it in the sentence, at most ROLE_REACH bytes away with no other
 * mention between (`le ministre russe des Affaires étrangères`, `the
 * Chinese foreign minister`, `President of Russia`).
 */
#define ROLE_REACH 24

static int32_t
role_holder(const gt_lexicon *lex, const gt_mention *m, uint32_t nm,
			uint32_t k, int32_t date, int32_t *state_out)
{
	const gt_lex_entity *role = &lex->entities[m[k].entity];
	int32_t		state = role->country;
	const gt_lex_office *best = NULL;
	uint32_t	i,
				lo,
				hi;

	if (state < 0)
	{
		/* the nearest mention of a state, before or after */
		if (k > 0 && m[k].start - m[k - 1].end <= ROLE_REACH &&
			lex->entities[m[k - 1].entity].kind == GT_KIND_COUNTRY)
			state = m[k - 1].entity;
		if (k + 1 < nm && m[k + 1].start - m[k].end <= ROLE_REACH &&
			lex->entities[m[k + 1].entity].kind == GT_KIND_COUNTRY &&
			(state < 0 || m[k + 1].start - m[k].end < m[k].start - m[k - 1].end))
			state = m[k + 1].entity;
	}
	*state_out = state;
	if (state < 0 || date <= 0)
		return -1;
	/* the post's terms, found by binary search in office_posts; on a
	 * handover day two terms hold (one ends the day the next begins): the
	 * one that began last, the incoming holder */
	lo = 0;
	hi = lex->n_offices;
	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;
		const gt_lex_office *o = &lex->offices[lex->office_posts[mid]];

		if ((int32_t) o->country < state ||
			((int32_t) o->country == state && o->role < role->role))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < lex->n_offices; i++)
	{
		const gt_lex_office *o = &lex->offices[lex->office_posts[i]];

		if ((int32_t) o->country != state || o->role != role->role)
			break;
		if (o->from <= date && date <= o->to && (!best || o->from > best->from))
			best = o;
	}
	return best ? (int32_t) best->person : -1;
}

/* See core.h. */
uint32_t
gt_doc_entities_at(gt_doc *doc, const char *text, size_t len, int32_t date,
				   uint8_t *present)
{
	const gt_lexicon *lex = doc->lex;
	const gt_sentence *s;
	const gt_mention *m;
	uint32_t	nm,
				count = 0;

	gt_doc_start(doc, text, len);
	while (gt_doc_next(doc, &s, &m, &nm))
		count += gt_mark_mentions(lex, m, nm, date, present);
	return count;
}

/* See core.h. */
uint32_t
gt_mark_mentions(const gt_lexicon *lex, const gt_mention *m, uint32_t nm,
				 int32_t date, uint8_t *present)
{
	uint32_t	k,
				count = 0;

	for (k = 0; k < nm; k++)
	{
		if (lex->entities[m[k].entity].kind == GT_KIND_ROLE)
		{
			int32_t		state;
			int32_t		holder = role_holder(lex, m, nm, k, date, &state);

			/* the holder alone: what a person implies is the state of
			 * their latest office, not of the one held on date */
			if (holder >= 0 && !present[holder])
			{
				present[holder] = 1;
				count++;
			}
			if (state >= 0)
				count += gt_mark_entity(lex, (uint32_t) state, present);
			continue;
		}
		count += gt_mark_entity(lex, (uint32_t) m[k].entity, present);
	}
	return count;
}

/* See core.h. */
uint32_t
gt_doc_entities(gt_doc *doc, const char *text, size_t len, uint8_t *present)
{
	return gt_doc_entities_at(doc, text, len, 0, present);
}

/* See core.h. */
int32_t
gt_role_holder(const gt_lexicon *lex, const gt_mention *m, uint32_t nm,
			   uint32_t k, int32_t date, int32_t *state)
{
	return role_holder(lex, m, nm, k, date, state);
}
