/*
 * test_fuzz_regressions.c — every input the fuzzer (test/fuzz/fuzz_core.c)
 * found a bug with, made into a unit test.
 *
 * Most of them are places where the quiet-word loop of the tokenizer (the
 * sparse mode, the default) did not read the text as the general path does
 * (keep-all mode).  modes_disagree() checks what the fuzz target checks:
 * character offsets are the number of characters before the byte offsets,
 * every token kept in sparse mode is the same token in keep-all mode, and
 * both modes give the same sentences and mentions.  The quiet-word loop runs
 * only 96 bytes or more before the end of the text: the inputs end with
 * FILL.  Then every file of the fuzzer's seed corpus (test/fuzz/corpus/,
 * the crash inputs included) goes through the same checks.
 */
#include <dirent.h>
#include <stdlib.h>

#include "chars.h"
#include "core.h"
#include "hash.h"
#include "lexicon.h"
#include "unit.h"

#define FILL "zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq " \
	"zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq zzq"

/* A token or a mention, as compared between the modes. */
typedef struct fr_item
{
	int32_t		entity;			/* -1 for a token */
	uint32_t	via,
				start,
				end,
				cstart,
				cend,
				sentence;
} fr_item;

typedef struct fr_run
{
	fr_item    *tokens,
			   *mentions;
	size_t		ntokens,
				nmentions;
	uint32_t	sentences;
} fr_run;

static fr_item *
push(fr_item **items, size_t *n)
{
	if ((*n & (*n - 1)) == 0)	/* 0, 1, 2, 4 …: grow */
		*items = realloc(*items, (*n ? *n * 2 : 1) * sizeof(fr_item));
	return &(*items)[(*n)++];
}

/* Runs ut_doc over text in one mode, recording its tokens and mentions. */
static void
run_mode(const char *text, size_t len, int keep_all, fr_run *r)
{
	const gt_sentence *s;
	const gt_mention *m;
	uint32_t	nm,
				k;

	memset(r, 0, sizeof(*r));
	gt_doc_keep_all(ut_doc, keep_all);
	gt_doc_start(ut_doc, text, len);
	while (gt_doc_next(ut_doc, &s, &m, &nm))
	{
		r->sentences = s->index;
		for (k = 0; k < s->ntokens; k++)
		{
			fr_item    *t = push(&r->tokens, &r->ntokens);

			t->entity = -1;
			t->via = 0;
			t->start = s->tokens[k].start;
			t->end = s->tokens[k].end;
			t->cstart = s->tokens[k].cstart;
			t->cend = s->tokens[k].cend;
			t->sentence = s->index;
		}
		for (k = 0; k < nm; k++)
		{
			fr_item    *t = push(&r->mentions, &r->nmentions);

			t->entity = m[k].entity;
			t->via = m[k].via;
			t->start = m[k].start;
			t->end = m[k].end;
			t->cstart = m[k].cstart;
			t->cend = m[k].cend;
			t->sentence = s->index;
		}
	}
	gt_doc_keep_all(ut_doc, 0);
}

/* Characters before byte b of text, as the tokenizer counts them (one per
 * gt_utf8_decode unit); UINT32_MAX if b is inside a character. */
static uint32_t
chars_before(const char *text, size_t len, size_t b)
{
	size_t		p = 0;
	uint32_t	n = 0;

	while (p < b && p < len)
	{
		uint32_t	cp;

		p += gt_utf8_decode((const unsigned char *) text + p, len - p, &cp);
		n++;
	}
	return p == b ? n : UINT32_MAX;
}

/* Why the two modes disagree on text (static buffer), or NULL. */
static const char *
modes_disagree(const char *text, size_t len)
{
	static char why[512];
	fr_run		r[2];
	size_t		i,
				j = 0;
	int			mode;

	why[0] = '\0';
	run_mode(text, len, 0, &r[0]);
	run_mode(text, len, 1, &r[1]);
	for (mode = 0; mode < 2 && !why[0]; mode++)
		for (i = 0; i < r[mode].ntokens && !why[0]; i++)
		{
			const fr_item *t = &r[mode].tokens[i];

			if (t->end > len || t->start >= t->end ||
				t->cstart != chars_before(text, len, t->start) ||
				t->cend != chars_before(text, len, t->end))
				snprintf(why, sizeof(why), "%s: token [%u, %u) has characters [%u, %u), expected [%u, %u)",
						 mode ? "keep-all" : "sparse", t->start, t->end, t->cstart, t->cend,
						 chars_before(text, len, t->start), chars_before(text, len, t->end));
		}
	for (i = 0; i < r[0].ntokens && !why[0]; i++)
	{
		const fr_item *t = &r[0].tokens[i];

		while (j < r[1].ntokens && r[1].tokens[j].start < t->start)
			j++;
		if (j == r[1].ntokens || memcmp(&r[1].tokens[j], t, sizeof(*t)) != 0)
			snprintf(why, sizeof(why), "sparse token [%u, %u) c[%u, %u) of sentence %u is not a keep-all token",
					 t->start, t->end, t->cstart, t->cend, t->sentence);
	}
	if (!why[0] && r[0].sentences != r[1].sentences)
		snprintf(why, sizeof(why), "%u sentences in sparse mode, %u in keep-all mode",
				 r[0].sentences, r[1].sentences);
	if (!why[0] && (r[0].nmentions != r[1].nmentions ||
					(r[0].nmentions > 0 &&
					 memcmp(r[0].mentions, r[1].mentions, r[0].nmentions * sizeof(fr_item)) != 0)))
		snprintf(why, sizeof(why), "%zu mentions in sparse mode, %zu in keep-all mode, or not the same",
				 r[0].nmentions, r[1].nmentions);
	for (mode = 0; mode < 2; mode++)
	{
		free(r[mode].tokens);
		free(r[mode].mentions);
	}
	return why[0] ? why : NULL;
}

#define CHECK_MODES(text, len, label) \
	do { \
		const char *why_ = modes_disagree((text), (len)); \
		CHECK(why_ == NULL, "%s: %s", (label), why_ ? why_ : ""); \
	} while (0)

/* Is id among the mentions of text (sparse mode, as the extension runs)? */
static int
mentions_has(const char *text, const char *want)
{
	return strstr(ut_mentions(text), want) != NULL;
}

void
test_fuzz_regressions(void)
{
	/*
	 * 1. A character of a script without spaces skipped by the quiet-word
	 * loop and read again as the neighbour of a name (reread_word): it was
	 * read as a word of three characters (cend = cstart + 3), with no folded
	 * text, and capitalised or not depending on its bytes (U+4000 was).
	 * The word before a name is kept only for names whose forms look at it
	 * (GT_TOKF_LOOKS_BEFORE): a surname does.
	 */
	{
		const char *text = "zzq \xe4\x80\x80 Poutine " FILL;	/* U+4000 */
		const gt_lexicon *lex = gt_doc_lexicon(ut_doc);
		int32_t		id = gt_lex_lookup(lex, gt_hash("poutine", 7), "poutine", 7);
		const gt_sentence *s;
		const gt_mention *m;
		uint32_t	nm,
					k;
		int			found = 0;

		CHECK(id >= 0 && (lex->token_info[id].flags & GT_TOKF_LOOKS_BEFORE),
			  "the surname poutine looks at the word before it");
		CHECK_MODES(text, strlen(text), "U+4000 before a name");
		CHECK_MODES("zzq \xe4\xb8\xad Poutine " FILL, strlen("zzq \xe4\xb8\xad Poutine " FILL),
					"U+4E2D before a name");
		CHECK_MODES("zzq \xe4\x80\x80 Inde " FILL, strlen("zzq \xe4\x80\x80 Inde " FILL),
					"U+4000 before a country");
		gt_doc_start(ut_doc, text, strlen(text));
		while (gt_doc_next(ut_doc, &s, &m, &nm))
			for (k = 0; k < s->ntokens; k++)
				if (s->tokens[k].start == 4)
				{
					found = 1;
					CHECK(s->tokens[k].cend - s->tokens[k].cstart == 1 &&
						  (s->tokens[k].flags & (GT_TF_CONT | GT_TF_NOCASE | GT_TF_CAP)) ==
						  (GT_TF_CONT | GT_TF_NOCASE) && s->tokens[k].flen == 3,
						  "U+4000 as a neighbour: characters [%u, %u), flags %#x, %u bytes folded",
						  s->tokens[k].cstart, s->tokens[k].cend, s->tokens[k].flags,
						  s->tokens[k].flen);
				}
		CHECK(found, "U+4000 is kept as the neighbour of Poutine");
	}

	/*
	 * 2. Invalid UTF-8 in the separators before a skipped word: the
	 * quiet-word loop counted raw continuation bytes, the tokenizer counts
	 * each invalid byte as one character (U+FFFD).
	 */
	{
		const char *text = "zzq \xfc\x84\x80\x80\x80\x80" "dimir Poutine " FILL;

		CHECK_MODES(text, strlen(text), "invalid UTF-8 before a skipped word");
	}

	/*
	 * 3. A sentence without end is cut at GT_SENTENCE_MAX - 1 words: it was
	 * cut after that many words kept, which in sparse mode is much later.
	 */
	{
		size_t		n = 2100 * 4 + 4,
					i;
		char	   *text = malloc(n + 1);

		for (i = 0; i < 2100; i++)
			memcpy(text + i * 4, "zzq ", 4);
		memcpy(text + 2100 * 4, "Inde", 5);
		CHECK_MODES(text, n, "2100 words without a period");
		CHECK(mentions_has(text, "@8401-8405/2;"),
			  "a name after word 2047 is in sentence 2: %s", ut_mentions(text));
		free(text);
	}

	/*
	 * 4. A phrase split by a separator of the space class other than ' '
	 * (tab, CR, control characters): the quiet-word loop skipped its first
	 * word without checking the pair.
	 */
	CHECK_MODES("zzq zzq Sri\rLanka " FILL, strlen("zzq zzq Sri\rLanka " FILL), "Sri<CR>Lanka");
	CHECK(mentions_has("zzq zzq Sri\rLanka " FILL, "LKA:"), "Sri<CR>Lanka: %s",
		  ut_mentions("zzq zzq Sri\rLanka " FILL));
	CHECK(mentions_has("zzq zzq Sri\tLanka " FILL, "LKA:"), "Sri<TAB>Lanka: %s",
		  ut_mentions("zzq zzq Sri\tLanka " FILL));
	CHECK(mentions_has("zzq zzq St\x0e Lucia " FILL, "LCA:"), "St<SO> Lucia: %s",
		  ut_mentions("zzq zzq St\x0e Lucia " FILL));

	/*
	 * 5. A dotted acronym whose first letter is not ASCII (`Ü.S.`): the
	 * quiet-word loop skipped its first letter as a word.
	 */
	CHECK_MODES("zzq \xc3\x9c.S. zzq " FILL, strlen("zzq \xc3\x9c.S. zzq " FILL), "\xc3\x9c.S.");
	CHECK(mentions_has("zzq \xc3\x9c.S. zzq " FILL, "USA:"), "\xc3\x9c.S.: %s",
		  ut_mentions("zzq \xc3\x9c.S. zzq " FILL));

	/* Every file of the fuzzer's seed corpus, crash inputs included. */
	{
		DIR		   *d = opendir("test/fuzz/corpus");
		struct dirent *e;
		int			files = 0,
					bad = 0;

		CHECK(d != NULL, "test/fuzz/corpus is readable (run from the repository root)");
		while (d && (e = readdir(d)) != NULL)
		{
			char		path[512];
			size_t		len;
			char	   *text;
			const char *why;

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "test/fuzz/corpus/%s", e->d_name);
			text = ut_read_file(path, &len);
			if (!text)
				continue;
			files++;
			if ((why = modes_disagree(text, len)) != NULL)
			{
				bad++;
				fprintf(stderr, "  %s: %s\n", path, why);
			}
			free(text);
		}
		if (d)
			closedir(d);
		CHECK(files >= 30 && bad == 0, "%d of %d fuzz corpus files: modes disagree", bad, files);
	}
}
