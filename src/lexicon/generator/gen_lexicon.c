/*
 * gen_lexicon.c — compiles the lexicon (the TSV files of src/lexicon/ + CLDR country
 * names from ICU) into the C tables of src/core/lexicon.h.
 *
 *     gen_lexicon LEXICON_DIR OUTPUT.c
 *
 * Forms are tokenized and folded by the core's own tokenizer, so a form
 * matches exactly the texts that tokenize the same way.  The precedence
 * rules of src/lexicon/README.md are applied here; conflicts that the data
 * must settle are build errors, conflicts inside CLDR are reported and
 * dropped.  The output is deterministic for given data and ICU version.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#include "../../core/core.h"
#include "../../core/hash.h"

#define MAX_PHRASE 16
#define MAX_COLS 16

/* Where a form comes from, in order of precedence. */
enum source
{
	SRC_CURATED = 0,
	SRC_CLDR = 1,
	SRC_CLDR_PART = 2			/* `Burma` in `Myanmar (Burma)`: may name another
								 * country, `Великобритания` in a territory's name */
};

static int	errors;

/* Reports a data error; the build fails at the end. */
static void
data_error(const char *where, const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "gen_lexicon: %s: ", where);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	errors++;
}

static void *
xmalloc(size_t n)
{
	void	   *p = calloc(1, n ? n : 1);

	if (!p)
	{
		fprintf(stderr, "gen_lexicon: out of memory\n");
		exit(2);
	}
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
	{
		fprintf(stderr, "gen_lexicon: out of memory\n");
		exit(2);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	char	   *d = xmalloc(strlen(s) + 1);

	strcpy(d, s);
	return d;
}

/* Grows a dynamic array to hold n + 1 elements of size sz. */
#define GROW(arr, n, cap) \
	do { if ((n) >= (cap)) { (cap) = (cap) ? (cap) * 2 : 64; \
		(arr) = xrealloc((arr), sizeof(*(arr)) * (cap)); } } while (0)

/* ---------------------------------------------------------------- TSV */

typedef struct tsv
{
	char		path[1024];
	char	   *buf;
	char	   *cur;
	int			line;
	int			ncols;
	char	   *header[MAX_COLS];
	char	   *cols[MAX_COLS];
	char		where[1100];
} tsv;

/* Splits line into tab-separated fields; returns their number. */
static int
split_tabs(char *line, char **cols)
{
	int			n = 0;

	cols[n++] = line;
	for (; *line; line++)
		if (*line == '\t' && n < MAX_COLS)
		{
			*line = '\0';
			cols[n++] = line + 1;
		}
	return n;
}

/* Reads the next data line into t->cols; returns 0 at the end. */
static int
tsv_next(tsv *t)
{
	while (t->cur && *t->cur)
	{
		char	   *line = t->cur;
		char	   *nl = strchr(line, '\n');
		size_t		len;

		t->cur = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		t->line++;
		if (len == 0 || line[0] == '#')
			continue;
		snprintf(t->where, sizeof(t->where), "%s:%d", t->path, t->line);
		if (t->ncols == 0)
		{
			t->ncols = split_tabs(line, t->header);
			continue;
		}
		{
			int			n = split_tabs(line, t->cols);

			if (n > t->ncols)
				data_error(t->where, "%d columns, the header has %d", n, t->ncols);
			for (; n < t->ncols; n++)
				t->cols[n] = "";
		}
		return 1;
	}
	return 0;
}

/* Opens a TSV file; returns 0 when it does not exist. */
static int
tsv_open(tsv *t, const char *path)
{
	FILE	   *f = fopen(path, "rb");
	long		size;

	memset(t, 0, sizeof(*t));
	snprintf(t->path, sizeof(t->path), "%s", path);
	if (!f)
		return 0;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	t->buf = xmalloc(size + 1);
	if (fread(t->buf, 1, size, f) != (size_t) size)
	{
		fprintf(stderr, "gen_lexicon: cannot read %s\n", path);
		exit(2);
	}
	t->buf[size] = '\0';
	fclose(f);
	t->cur = t->buf;
	return 1;
}

/* Index of the named column, or -1 (an error when required). */
static int
tsv_col(tsv *t, const char *name, int required)
{
	int			i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->header[i], name) == 0)
			return i;
	if (required)
		data_error(t->path, "no column '%s' in the header", name);
	return -1;
}

/* Reads the header (first data line) so columns can be looked up. */
static void
tsv_header(tsv *t)
{
	char	   *save_cur = t->cur;

	(void) save_cur;
	while (t->cur && *t->cur && t->ncols == 0)
	{
		char	   *line = t->cur;
		char	   *nl = strchr(line, '\n');
		size_t		len;

		t->cur = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		t->line++;
		if (len == 0 || line[0] == '#')
			continue;
		t->ncols = split_tabs(line, t->header);
	}
}

/* -------------------------------------------------------------- tokens */

typedef struct token_rec
{
	char	   *text;
	uint32_t	len;
	uint64_t	hash;
	uint8_t		flags;			/* GT_TOKF_* */
} token_rec;

static token_rec *tokens;
static uint32_t ntokens,
			cap_tokens;
static int32_t *token_index;	/* open addressing over tokens */
static uint32_t token_index_mask;

static void
token_index_rebuild(void)
{
	uint32_t	size = 1024,
				i;

	while (size < ntokens * 3)
		size *= 2;
	free(token_index);
	token_index = xmalloc(sizeof(int32_t) * size);
	token_index_mask = size - 1;
	for (i = 0; i < size; i++)
		token_index[i] = -1;
	for (i = 0; i < ntokens; i++)
	{
		uint32_t	s = gt_slot(tokens[i].hash, token_index_mask);

		while (token_index[s] >= 0)
			s = gt_next_slot(s, token_index_mask);
		token_index[s] = (int32_t) i;
	}
}

/* The id of a folded token, created if new. */
static int32_t
intern_token(const char *text, uint32_t len)
{
	uint64_t	h = gt_hash(text, len);
	uint32_t	s;

	if (token_index == NULL || ntokens * 2 >= token_index_mask)
		token_index_rebuild();
	s = gt_slot(h, token_index_mask);
	while (token_index[s] >= 0)
	{
		token_rec  *t = &tokens[token_index[s]];

		if (t->hash == h && t->len == len && memcmp(t->text, text, len) == 0)
			return token_index[s];
		s = gt_next_slot(s, token_index_mask);
	}
	GROW(tokens, ntokens, cap_tokens);
	tokens[ntokens].text = xmalloc(len + 1);
	memcpy(tokens[ntokens].text, text, len);
	tokens[ntokens].len = len;
	tokens[ntokens].hash = h;
	tokens[ntokens].flags = 0;
	token_index[s] = (int32_t) ntokens;
	return (int32_t) ntokens++;
}

/*
 * The abbreviations, as a small lexicon of their own, so that forms are
 * tokenized as texts will be (`St. Lucia` is one phrase).
 */
static gt_lexicon abbrev_lex;

/*
 * Tokenizes form into token ids; returns their number, 0 when the form is
 * empty, or -1 when it is not a single phrase (punctuation inside).
 */
static int
form_tokens(const char *form, int32_t *ids)
{
	static gt_token toks[GT_SENTENCE_MAX];
	static char fold[GT_FOLD_BUFFER_SIZE];
	gt_tokenizer tk;
	gt_sentence s;
	uint32_t	i;

	gt_tokenizer_init(&tk, abbrev_lex.tokens ? &abbrev_lex : NULL, form,
					  strlen(form), toks, fold);
	tk.keep_all = 1;
	if (!gt_tokenizer_next(&tk, &s))
		return 0;
	if (s.ntokens > MAX_PHRASE)
		return -1;
	for (i = 0; i < s.ntokens; i++)
	{
		if (toks[i].flags & GT_TF_LONG)
			return -1;
		if (i + 1 < s.ntokens && !(toks[i].flags & GT_TF_JOIN_NEXT))
			return -1;
		ids[i] = intern_token(gt_token_fold(&s, i), toks[i].flen);
	}
	{
		gt_sentence more;

		if (gt_tokenizer_next(&tk, &more))
			return -1;
	}
	return (int) s.ntokens;
}

static uint32_t pow2_at_least(uint64_t n);

/* ------------------------------------------------------------ entities */

typedef struct entity_rec
{
	char	   *id;
	char	   *name_en;
	int			kind;
	char	   *alpha2;			/* countries: the CLDR region code */
	char	   *implies_src;	/* comma-separated ids, resolved later */
	int32_t    *implies;
	uint32_t	nimplies;
	uint32_t	final_index;
	char	   *name_fr;
	char	   *wikidata;
	int			role;			/* GT_KIND_ROLE */
	int32_t		country;		/* GT_KIND_ROLE: fixed state, or -1 */
	uint32_t	office_first;
	uint32_t	office_count;
} entity_rec;

static entity_rec *entities;
static uint32_t nentities,
			cap_entities;

/* The index (in reading order) of an entity id, or -1. */
static int32_t
find_entity(const char *id)
{
	uint32_t	i;

	for (i = 0; i < nentities; i++)
		if (strcmp(entities[i].id, id) == 0)
			return (int32_t) i;
	return -1;
}

/* Reads one actors file of the given kind. */
static void
read_actors(const char *dir, const char *file, int kind)
{
	char		path[1024];
	tsv			t;
	int			c_id,
				c_name,
				c_a2,
				c_implies,
				c_fr,
				c_qid;

	snprintf(path, sizeof(path), "%s/actors/%s", dir, file);
	if (!tsv_open(&t, path))
		return;
	tsv_header(&t);
	c_id = tsv_col(&t, "id", 1);
	c_name = tsv_col(&t, "name_en", 1);
	c_a2 = tsv_col(&t, "alpha2", 0);
	c_implies = tsv_col(&t, "implies", 0);
	c_fr = tsv_col(&t, "name_fr", 0);
	c_qid = tsv_col(&t, "wikidata", 0);
	if (c_id < 0 || c_name < 0)
		return;
	while (tsv_next(&t))
	{
		const char *id = t.cols[c_id];
		const char *p;

		if (!*id)
		{
			data_error(t.where, "empty id");
			continue;
		}
		for (p = id; *p; p++)
			if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
				  (*p >= '0' && *p <= '9') || strchr("_-.,()'", *p)))
			{
				data_error(t.where, "id '%s': only ASCII letters, digits and _-.,()' (as in Wikipedia titles)", id);
				break;
			}
		if (find_entity(id) >= 0 && kind == GT_KIND_PERSON &&
			entities[find_entity(id)].kind == GT_KIND_PERSON)
		{
			/* a person in two files (an office in each half): merge */
			entity_rec *e = &entities[find_entity(id)];

			if (c_implies >= 0 && *t.cols[c_implies])
			{
				size_t		n = (e->implies_src ? strlen(e->implies_src) : 0) +
					strlen(t.cols[c_implies]) + 2;
				char	   *merged = xmalloc(n);

				snprintf(merged, n, "%s%s%s", e->implies_src ? e->implies_src : "",
						 e->implies_src ? "," : "", t.cols[c_implies]);
				e->implies_src = merged;
			}
			continue;
		}
		if (find_entity(id) >= 0)
		{
			if (entities[find_entity(id)].kind == GT_KIND_COUNTRY && kind != GT_KIND_COUNTRY)
				data_error(t.where, "'%s' is an ISO 3166-1 alpha-3 code; only countries may use one", id);
			else
				data_error(t.where, "duplicate id '%s'", id);
			continue;
		}
		GROW(entities, nentities, cap_entities);
		memset(&entities[nentities], 0, sizeof(entity_rec));
		entities[nentities].id = xstrdup(id);
		entities[nentities].name_en = xstrdup(t.cols[c_name]);
		entities[nentities].kind = kind;
		entities[nentities].alpha2 = c_a2 >= 0 ? xstrdup(t.cols[c_a2]) : NULL;
		entities[nentities].implies_src =
			c_implies >= 0 && *t.cols[c_implies] ? xstrdup(t.cols[c_implies]) : NULL;
		entities[nentities].name_fr = xstrdup(c_fr >= 0 ? t.cols[c_fr] : "");
		entities[nentities].wikidata = xstrdup(c_qid >= 0 ? t.cols[c_qid] : "");
		entities[nentities].country = -1;
		nentities++;
	}
}

static char **list_tsv(const char *dir, int *count);
static int	add_form(const char *form, int32_t entity, int via, int source,
					 int casemode, const char *where);

/* Reads actors/PREFIX.tsv and actors/PREFIX_*.tsv (a long list may be split). */
static void
read_actor_files(const char *dir, const char *prefix, int kind)
{
	char		folder[1024];
	char	  **files;
	int			nfiles,
				f;
	size_t		pl = strlen(prefix);

	snprintf(folder, sizeof(folder), "%s/actors", dir);
	files = list_tsv(folder, &nfiles);
	for (f = 0; f < nfiles; f++)
		if (strncmp(files[f], prefix, pl) == 0 &&
			(files[f][pl] == '.' || files[f][pl] == '_'))
			read_actors(dir, files[f], kind);
}

/* The catalogue's French names of countries: CLDR's. */
static void
french_country_names(void)
{
	uint32_t	i;

	for (i = 0; i < nentities; i++)
	{
		UErrorCode	st = U_ZERO_ERROR;
		UChar		name[256];
		char		utf8[512],
					loc[16];
		int32_t		n,
					len;

		if (entities[i].kind != GT_KIND_COUNTRY || !entities[i].alpha2)
			continue;
		snprintf(loc, sizeof(loc), "und_%s", entities[i].alpha2);
		n = uloc_getDisplayCountry(loc, "fr", name, 256, &st);
		if (U_FAILURE(st))
			continue;
		u_strToUTF8(utf8, sizeof(utf8), &len, name, n, &st);
		if (U_SUCCESS(st) && strcmp(utf8, entities[i].alpha2) != 0)
			entities[i].name_fr = xstrdup(utf8);
	}
}

/* ------------------------------------------------------------- offices */

typedef struct office_rec
{
	int32_t		person;			/* reading-order entity indexes */
	int32_t		country;
	int			role;
	int32_t		from,
				to;
} office_rec;

static office_rec *offices;
static uint32_t noffices,
			cap_offices;

static int
parse_role(const char *s)
{
	int			r;

	for (r = 1; r < GT_ROLE__COUNT; r++)
		if (strcmp(s, gt_role_name(r)) == 0)
			return r;
	return 0;
}

/*
 * A date as YYYYMMDD: `2019-06-01`; `2019-06` and `2019` stand for their
 * first day, or with end set for their last.  -1 if malformed.
 */
static int32_t
parse_date(const char *s, int end)
{
	int			y = 0,
				m = end ? 12 : 1,
				d = end ? 31 : 1,
				n;

	n = sscanf(s, "%4d-%2d-%2d", &y, &m, &d);
	if (n < 1 || y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	if (n == 2)
		d = end ? 31 : 1;
	return y * 10000 + m * 100 + d;
}

/* Reads every actors/offices*.tsv. */
static void
read_offices(const char *dir)
{
	char		folder[1024];
	char	  **files;
	int			nfiles,
				f;

	snprintf(folder, sizeof(folder), "%s/actors", dir);
	files = list_tsv(folder, &nfiles);
	for (f = 0; f < nfiles; f++)
	{
		char		path[2048];
		tsv			t;
		int			c_p,
					c_c,
					c_r,
					c_from,
					c_to;

		if (strncmp(files[f], "offices", 7) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", folder, files[f]);
		tsv_open(&t, path);
		tsv_header(&t);
		c_p = tsv_col(&t, "person", 1);
		c_c = tsv_col(&t, "country", 1);
		c_r = tsv_col(&t, "role", 1);
		c_from = tsv_col(&t, "from", 1);
		c_to = tsv_col(&t, "to", 1);
		if (c_p < 0 || c_c < 0 || c_r < 0 || c_from < 0 || c_to < 0)
			continue;
		while (tsv_next(&t))
		{
			office_rec	o;

			o.person = find_entity(t.cols[c_p]);
			o.country = find_entity(t.cols[c_c]);
			o.role = parse_role(t.cols[c_r]);
			o.from = parse_date(t.cols[c_from], 0);
			o.to = *t.cols[c_to] ? parse_date(t.cols[c_to], 1) : GT_OFFICE_OPEN;
			if (o.person < 0 || entities[o.person].kind != GT_KIND_PERSON)
				data_error(t.where, "unknown person '%s'", t.cols[c_p]);
			else if (o.country < 0)
				data_error(t.where, "unknown state or organisation '%s'", t.cols[c_c]);
			else if (o.role == 0)
				data_error(t.where, "unknown role '%s'", t.cols[c_r]);
			else if (o.from < 0 || o.to < 0 || o.to < o.from)
				data_error(t.where, "bad dates '%s' - '%s'", t.cols[c_from], t.cols[c_to]);
			else
			{
				GROW(offices, noffices, cap_offices);
				offices[noffices++] = o;
			}
		}
	}
}

/*
 * A person implies the state or organisation of its latest office (the
 * one it serves now, or last served): António Guterres the UN, not
 * Portugal, where he was prime minister before.  Among offices taken the
 * same day, one the person's `implies` column names wins (Charles III: GBR,
 * not each realm).  Persons without offices keep their `implies` column.
 */
static void
imply_latest_office(void)
{
	uint32_t	i,
				k;

	for (i = 0; i < nentities; i++)
	{
		entity_rec *e = &entities[i];
		int32_t		best = -1;

		if (e->kind != GT_KIND_PERSON)
			continue;
		for (k = 0; k < noffices; k++)
		{
			office_rec *o = &offices[k];

			if (o->person != (int32_t) i)
				continue;
			if (best < 0 || o->from > offices[best].from)
				best = (int32_t) k;
			else if (o->from == offices[best].from && e->implies_src &&
					 strstr(e->implies_src, entities[o->country].id) &&
					 !strstr(e->implies_src, entities[offices[best].country].id))
				best = (int32_t) k;
		}
		if (best >= 0)
			e->implies_src = xstrdup(entities[offices[best].country].id);
	}
}

/*
 * Reads rules/roles.tsv: words that name an office without a person (`the
 * foreign minister`, `le chef de la diplomatie`).  Each (role, state) pair
 * becomes an internal actor `~role` or `~role@STATE`, never returned.
 */
static void
read_roles(const char *dir)
{
	char		path[1024];
	tsv			t;
	int			c_role,
				c_lang,
				c_forms,
				c_country;

	snprintf(path, sizeof(path), "%s/rules/roles.tsv", dir);
	if (!tsv_open(&t, path))
		return;
	tsv_header(&t);
	c_role = tsv_col(&t, "role", 1);
	c_lang = tsv_col(&t, "lang", 1);
	c_forms = tsv_col(&t, "forms", 1);
	c_country = tsv_col(&t, "country", 1);
	if (c_role < 0 || c_lang < 0 || c_forms < 0 || c_country < 0)
		return;
	while (tsv_next(&t))
	{
		int			role = parse_role(t.cols[c_role]);
		int32_t		country = *t.cols[c_country] ? find_entity(t.cols[c_country]) : -1;
		char		id[128];
		int32_t		e;
		char	   *form,
				   *save;

		if (role == 0)
		{
			data_error(t.where, "unknown role '%s'", t.cols[c_role]);
			continue;
		}
		if (*t.cols[c_country] && country < 0)
		{
			data_error(t.where, "unknown state '%s'", t.cols[c_country]);
			continue;
		}
		snprintf(id, sizeof(id), "~%s%s%s", t.cols[c_role], country >= 0 ? "@" : "",
				 country >= 0 ? t.cols[c_country] : "");
		e = find_entity(id);
		if (e < 0)
		{
			GROW(entities, nentities, cap_entities);
			memset(&entities[nentities], 0, sizeof(entity_rec));
			entities[nentities].id = xstrdup(id);
			entities[nentities].name_en = xstrdup(t.cols[c_role]);
			entities[nentities].name_fr = xstrdup("");
			entities[nentities].wikidata = xstrdup("");
			entities[nentities].kind = GT_KIND_ROLE;
			entities[nentities].role = role;
			entities[nentities].country = country;
			e = (int32_t) nentities++;
		}
		for (form = strtok_r(t.cols[c_forms], "|", &save); form;
			 form = strtok_r(NULL, "|", &save))
		{
			while (*form == ' ')
				form++;
			if (*form && !add_form(form, e, GT_VIA_ROLE, SRC_CURATED, GT_CASE_ANY, t.where))
				data_error(t.where, "role form '%s' is not a single phrase", form);
		}
	}
}

/* ------------------------------------------------------------- phrases */

typedef struct candidate
{
	int32_t		entity;			/* -1: blocker */
	uint8_t		via;
	uint8_t		source;			/* enum source */
	uint8_t		casemode;		/* the source's default case */
	uint8_t		lane;			/* LANE_* */
	uint8_t		after_full;		/* GT_ALIASF_AFTER_FULL */
	char	   *where;
} candidate;

/*
 * The lanes of a phrase's candidates, resolved separately: full forms;
 * prefixes (they need a hyphen, so `sino` may be both); and persons'
 * surnames, alone or after a title, which several persons may share and
 * which give way to any full form.
 */
enum lane
{
	LANE_FULL = 0,
	LANE_PREFIX = 1,
	LANE_SURNAME = 2,
	LANE__COUNT
};

typedef struct phrase
{
	int32_t		tok[MAX_PHRASE];
	int			len;
	candidate  *cands;
	uint32_t	ncands,
				cap_cands;
	int			has_rule;		/* a rules/context.tsv row */
	uint8_t		rule_case;
	int32_t		context;		/* index in contexts, or -1 */
	uint32_t	state;			/* trie state where it ends */
} phrase;

static phrase *phrases;
static uint32_t nphrases,
			cap_phrases;
static int32_t *phrase_index;
static uint32_t phrase_index_mask;

static uint64_t
phrase_hash(const int32_t *tok, int len)
{
	return gt_hash((const char *) tok, (uint32_t) (len * sizeof(int32_t)));
}

static void
phrase_index_rebuild(void)
{
	uint32_t	size = 1024,
				i;

	while (size < nphrases * 3)
		size *= 2;
	free(phrase_index);
	phrase_index = xmalloc(sizeof(int32_t) * size);
	phrase_index_mask = size - 1;
	for (i = 0; i < size; i++)
		phrase_index[i] = -1;
	for (i = 0; i < nphrases; i++)
	{
		uint32_t	s = gt_slot(phrase_hash(phrases[i].tok, phrases[i].len),
								phrase_index_mask);

		while (phrase_index[s] >= 0)
			s = gt_next_slot(s, phrase_index_mask);
		phrase_index[s] = (int32_t) i;
	}
}

/* The phrase for a token sequence, created if new. */
static phrase *
intern_phrase(const int32_t *tok, int len)
{
	uint64_t	h = phrase_hash(tok, len);
	uint32_t	s;

	if (phrase_index == NULL || nphrases * 2 >= phrase_index_mask)
		phrase_index_rebuild();
	s = gt_slot(h, phrase_index_mask);
	while (phrase_index[s] >= 0)
	{
		phrase	   *p = &phrases[phrase_index[s]];

		if (p->len == len && memcmp(p->tok, tok, len * sizeof(int32_t)) == 0)
			return p;
		s = gt_next_slot(s, phrase_index_mask);
	}
	GROW(phrases, nphrases, cap_phrases);
	memset(&phrases[nphrases], 0, sizeof(phrase));
	memcpy(phrases[nphrases].tok, tok, len * sizeof(int32_t));
	phrases[nphrases].len = len;
	phrases[nphrases].context = -1;
	phrase_index[s] = (int32_t) nphrases;
	return &phrases[nphrases++];
}

/* Marks the candidate added last as valid only after the full name. */
static phrase *last_phrase;

static void
last_candidate_after_full(void)
{
	last_phrase->cands[last_phrase->ncands - 1].after_full = 1;
}

/* Adds a candidate meaning for a form; returns 0 if the form is unusable. */
static int
add_form(const char *form, int32_t entity, int via, int source, int casemode,
		 const char *where)
{
	int32_t		tok[MAX_PHRASE];
	int			n = form_tokens(form, tok);
	phrase	   *p;
	candidate  *c;

	if (n <= 0)
		return 0;
	p = intern_phrase(tok, n);
	last_phrase = p;
	GROW(p->cands, p->ncands, p->cap_cands);
	c = &p->cands[p->ncands++];
	c->entity = entity;
	c->via = (uint8_t) via;
	c->source = (uint8_t) source;
	c->casemode = (uint8_t) casemode;
	c->lane = via == GT_VIA_PREFIX ? LANE_PREFIX :
		(via == GT_VIA_SURNAME || via == GT_VIA_TITLE) ? LANE_SURNAME : LANE_FULL;
	c->after_full = 0;
	c->where = xstrdup(where);
	return 1;
}

/* ------------------------------------------------------------- readers */

static int
parse_case(const char *s, const char *where)
{
	if (*s == '\0' || strcmp(s, "any") == 0)
		return GT_CASE_ANY;
	if (strcmp(s, "Cap") == 0)
		return GT_CASE_CAP;
	if (strcmp(s, "UPPER") == 0)
		return GT_CASE_UPPER;
	data_error(where, "case '%s': expected empty, Cap or UPPER", s);
	return GT_CASE_ANY;
}

static int
parse_via(const char *s, const char *where)
{
	if (strcmp(s, "name") == 0)
		return GT_VIA_NAME;
	if (strcmp(s, "capital") == 0)
		return GT_VIA_CAPITAL;
	if (strcmp(s, "demonym") == 0)
		return GT_VIA_DEMONYM;
	if (strcmp(s, "prefix") == 0)
		return GT_VIA_PREFIX;
	if (strcmp(s, "surname") == 0 || strcmp(s, "surname_free") == 0)
		return GT_VIA_SURNAME;
	data_error(where, "class '%s': expected name, capital, demonym, prefix, surname or surname_free", s);
	return -1;
}

/* Sorted names of the *.tsv files of a folder. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static char **
list_tsv(const char *dir, int *count)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;
	char	  **names = NULL;
	uint32_t	n = 0,
				cap = 0;

	*count = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d)) != NULL)
	{
		size_t		l = strlen(e->d_name);

		if (l > 4 && strcmp(e->d_name + l - 4, ".tsv") == 0)
		{
			GROW(names, n, cap);
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(char *), cmp_str);
	*count = (int) n;
	return names;
}

static uint32_t nforms_curated,
			nforms_cldr;

/* Reads every TSV file of aliases/. */
static void
read_aliases(const char *dir)
{
	char		folder[1024];
	char	  **files;
	int			nfiles,
				f;

	snprintf(folder, sizeof(folder), "%s/aliases", dir);
	files = list_tsv(folder, &nfiles);
	for (f = 0; f < nfiles; f++)
	{
		char		path[2048];
		tsv			t;
		int			c_id,
					c_class,
					c_lang,
					c_forms;

		snprintf(path, sizeof(path), "%s/%s", folder, files[f]);
		tsv_open(&t, path);
		tsv_header(&t);
		c_id = tsv_col(&t, "id", 1);
		c_class = tsv_col(&t, "class", 1);
		c_lang = tsv_col(&t, "lang", 1);
		c_forms = tsv_col(&t, "forms", 1);
		if (c_id < 0 || c_class < 0 || c_lang < 0 || c_forms < 0)
			continue;
		while (tsv_next(&t))
		{
			int32_t		e = find_entity(t.cols[c_id]);
			int			via = parse_via(t.cols[c_class], t.where);
			char	   *forms = t.cols[c_forms],
					   *form,
					   *save;

			int			person;
			int			after_full = strcmp(t.cols[c_class], "surname") == 0;

			if (e < 0)
			{
				data_error(t.where, "unknown actor id '%s'", t.cols[c_id]);
				continue;
			}
			if (via < 0)
				continue;
			person = entities[e].kind == GT_KIND_PERSON;
			if (via == GT_VIA_SURNAME && !person)
			{
				data_error(t.where, "class '%s' is for persons only", t.cols[c_class]);
				continue;
			}
			for (form = strtok_r(forms, "|", &save); form;
				 form = strtok_r(NULL, "|", &save))
			{
				while (*form == ' ')
					form++;
				if (!*form)
					continue;
				/* names of persons are proper nouns: capitalised, or uncased */
				if (!add_form(form, e, via, SRC_CURATED,
							  person ? GT_CASE_FIRST_CAP : GT_CASE_ANY, t.where))
					data_error(t.where, "form '%s' is not a single phrase (punctuation inside, or too long)", form);
				else
				{
					nforms_curated++;
					if (after_full)
						last_candidate_after_full();
				}
			}
		}
	}
}

/* Reads rules/blockers.tsv. */
static void
read_blockers(const char *dir)
{
	char		path[1024];
	tsv			t;
	int			c_form;

	snprintf(path, sizeof(path), "%s/rules/blockers.tsv", dir);
	if (!tsv_open(&t, path))
		return;
	tsv_header(&t);
	if ((c_form = tsv_col(&t, "form", 1)) < 0)
		return;
	while (tsv_next(&t))
		if (!add_form(t.cols[c_form], -1, GT_VIA_NAME, SRC_CURATED,
					  GT_CASE_ANY, t.where))
			data_error(t.where, "blocker '%s' is not a single phrase", t.cols[c_form]);
}

/*
 * Reads rules/abbreviations.tsv: marks their tokens, and builds abbrev_lex
 * for form_tokens.  Must run before any other form is read.
 */
static void
read_abbreviations(const char *dir)
{
	char		path[1024];
	tsv			t;
	int			c_form;
	int32_t    *ids = NULL;
	uint32_t	nids = 0,
				cap = 0,
				size,
				i;
	gt_lex_token *tab;
	uint8_t    *flags;
	char	   *strings;
	uint32_t	nstrings = 0;
	static const uint64_t all_pass = ~(uint64_t) 0;

	snprintf(path, sizeof(path), "%s/rules/abbreviations.tsv", dir);
	if (!tsv_open(&t, path))
		return;
	tsv_header(&t);
	if ((c_form = tsv_col(&t, "form", 1)) < 0)
		return;
	while (tsv_next(&t))
	{
		char	   *part,
				   *save;
		int			found = 0;
		unsigned char first = (unsigned char) t.cols[c_form][0];
		int			capitalised = first >= 'A' && first <= 'Z';

		/* `z.B`, `EE.UU`: each part behaves as an abbreviation */
		for (part = strtok_r(t.cols[c_form], ".", &save); part;
			 part = strtok_r(NULL, ".", &save))
		{
			int32_t		tok[MAX_PHRASE];
			int			n = form_tokens(part, tok),
						k;

			for (k = 0; k < n; k++)
			{
				/* `Me` (maître) but not `me`: capitalised forms require a
				 * capital, unless a lower-case form says otherwise */
				if (!(tokens[tok[k]].flags & GT_TOKF_ABBREV))
					tokens[tok[k]].flags |= capitalised ? GT_TOKF_ABBREV_CAP : 0;
				else if (!capitalised)
					tokens[tok[k]].flags &= ~GT_TOKF_ABBREV_CAP;
				tokens[tok[k]].flags |= GT_TOKF_ABBREV;
				GROW(ids, nids, cap);
				ids[nids++] = tok[k];
				found = 1;
			}
		}
		if (!found)
			data_error(t.where, "abbreviation '%s' has no word", t.cols[c_form]);
	}
	size = pow2_at_least((uint64_t) nids * 2 + 1);
	tab = xmalloc(sizeof(gt_lex_token) * size);
	flags = xmalloc(nids + 1);
	strings = xmalloc((size_t) nids * (GT_TOKEN_MAX + 1) + 1);
	for (i = 0; i < nids; i++)
	{
		token_rec  *r = &tokens[ids[i]];
		uint32_t	s = gt_slot(r->hash, size - 1);

		while (tab[s].hash != 0 && tab[s].hash != r->hash)
			s = gt_next_slot(s, size - 1);
		tab[s].hash = r->hash;
		tab[s].len = (uint16_t) r->len;
		tab[s].text = nstrings;
		memcpy(strings + nstrings, r->text, r->len);
		nstrings += r->len + 1;
		tab[s].id = (int32_t) i;
		flags[i] = r->flags;
	}
	abbrev_lex.strings = strings;
	abbrev_lex.tokens = tab;
	abbrev_lex.token_mask = size - 1;
	abbrev_lex.token_flags = flags;
	abbrev_lex.bloom = &all_pass;
	abbrev_lex.bloom_mask = 0;
}

/*
 * Reads rules/titles.tsv and adds, for every surname of a person, the
 * phrase title + surname.  A titled surname counts alone unless several
 * persons share the surname.
 */
static void
add_titled_forms(const char *dir)
{
	char		path[1024];
	tsv			t;
	int			c_form;
	int32_t		titles[256][MAX_PHRASE];
	int			title_len[256];
	int			ntitles = 0,
				k;
	uint32_t	i,
				nbase = nphrases;

	snprintf(path, sizeof(path), "%s/rules/titles.tsv", dir);
	if (!tsv_open(&t, path))
		return;
	tsv_header(&t);
	if ((c_form = tsv_col(&t, "form", 1)) < 0)
		return;
	while (tsv_next(&t) && ntitles < 256)
	{
		title_len[ntitles] = form_tokens(t.cols[c_form], titles[ntitles]);
		if (title_len[ntitles] <= 0)
			data_error(t.where, "title '%s' is not a single phrase", t.cols[c_form]);
		else
			ntitles++;
	}
	for (i = 0; i < nbase; i++)
	{
		uint32_t	c,
					q;

		for (c = 0; c < phrases[i].ncands; c++)
		{
			candidate  *cand = &phrases[i].cands[c];
			int			shared = 0,
						dup = 0;

			if (cand->lane != LANE_SURNAME || cand->via != GT_VIA_SURNAME)
				continue;
			for (q = 0; q < phrases[i].ncands; q++)
			{
				shared |= phrases[i].cands[q].lane == LANE_SURNAME &&
					phrases[i].cands[q].entity != cand->entity;
				dup |= q < c && phrases[i].cands[q].lane == LANE_SURNAME &&
					phrases[i].cands[q].entity == cand->entity;
			}
			if (dup)
				continue;		/* one titled form per person */
			for (k = 0; k < ntitles; k++)
			{
				int32_t		tok[MAX_PHRASE];
				int			n = title_len[k] + phrases[i].len;
				phrase	   *tp;
				candidate  *tc;

				if (n > MAX_PHRASE)
					continue;
				memcpy(tok, titles[k], title_len[k] * sizeof(int32_t));
				memcpy(tok + title_len[k], phrases[i].tok, phrases[i].len * sizeof(int32_t));
				tp = intern_phrase(tok, n);
				/* phrases may have moved: re-fetch the candidate */
				cand = &phrases[i].cands[c];
				GROW(tp->cands, tp->ncands, tp->cap_cands);
				tc = &tp->cands[tp->ncands++];
				tc->entity = cand->entity;
				tc->via = GT_VIA_TITLE;
				tc->source = SRC_CURATED;
				tc->casemode = GT_CASE_LAST_CAP;
				tc->lane = LANE_SURNAME;
				tc->after_full = (uint8_t) shared;
				tc->where = cand->where;
			}
		}
	}
}

/* ------------------------------------------------------------ contexts */

typedef struct context_rec
{
	int32_t    *prev;
	uint32_t	nprev;
	int32_t    *next;
	uint32_t	nnext;
	int			prev_cap,
				next_cap;
} context_rec;

static context_rec *contexts;
static uint32_t ncontexts,
			cap_contexts;

/* Parses a `|` list of words (and `Cap`) into token ids. */
static void
parse_words(char *list, int32_t **ids, uint32_t *n, int *cap_flag,
			const char *where)
{
	char	   *w,
			   *save;
	uint32_t	cap = 0;

	*ids = NULL;
	*n = 0;
	*cap_flag = 0;
	for (w = strtok_r(list, "|", &save); w; w = strtok_r(NULL, "|", &save))
	{
		int32_t		tok[MAX_PHRASE];
		int			k;

		while (*w == ' ')
			w++;
		if (!*w)
			continue;
		if (strcmp(w, "Cap") == 0)
		{
			*cap_flag = 1;
			continue;
		}
		k = form_tokens(w, tok);
		if (k != 1)
		{
			data_error(where, "context word '%s' must be one word", w);
			continue;
		}
		GROW(*ids, *n, cap);
		(*ids)[(*n)++] = tok[0];
	}
}

/* Reads rules/context.tsv. */
static void
read_context(const char *dir)
{
	char		path[1024];
	tsv			t;
	int			c_form,
				c_case,
				c_prev,
				c_next;

	snprintf(path, sizeof(path), "%s/rules/context.tsv", dir);
	if (!tsv_open(&t, path))
		return;
	tsv_header(&t);
	c_form = tsv_col(&t, "form", 1);
	c_case = tsv_col(&t, "case", 1);
	c_prev = tsv_col(&t, "unless_prev", 1);
	c_next = tsv_col(&t, "unless_next", 1);
	if (c_form < 0 || c_case < 0 || c_prev < 0 || c_next < 0)
		return;
	while (tsv_next(&t))
	{
		int32_t		tok[MAX_PHRASE];
		int			n = form_tokens(t.cols[c_form], tok);
		phrase	   *p;
		context_rec *c;

		if (n <= 0)
		{
			data_error(t.where, "form '%s' is not a single phrase", t.cols[c_form]);
			continue;
		}
		p = intern_phrase(tok, n);
		if (p->has_rule)
		{
			data_error(t.where, "a second rule for '%s'", t.cols[c_form]);
			continue;
		}
		p->has_rule = 1;
		p->rule_case = (uint8_t) parse_case(t.cols[c_case], t.where);
		if (*t.cols[c_prev] || *t.cols[c_next])
		{
			GROW(contexts, ncontexts, cap_contexts);
			c = &contexts[ncontexts];
			memset(c, 0, sizeof(*c));
			parse_words(t.cols[c_prev], &c->prev, &c->nprev, &c->prev_cap, t.where);
			parse_words(t.cols[c_next], &c->next, &c->nnext, &c->next_cap, t.where);
			p->context = (int32_t) ncontexts++;
		}
	}
}

/* ---------------------------------------------------------------- CLDR */

static uint32_t cldr_skipped;

/*
 * name without its leading article, if it starts with one of the `|`-listed
 * articles followed by a space or an apostrophe (`La Réunion`, `l'Inde`).
 */
static const char *
strip_article(const char *name, const char *articles)
{
	const char *a = articles;

	while (*a)
	{
		size_t		n = strcspn(a, "|");

		if (n > 0 && strncasecmp(name, a, n) == 0)
		{
			const char *rest = name + n;

			if (*rest == ' ' || *rest == '\'')
				return rest + 1;
			if (strncmp(rest, "\xe2\x80\x99", 3) == 0)	/* ’ */
				return rest + 3;
		}
		a += n;
		if (*a == '|')
			a++;
	}
	return name;
}

/* Adds one CLDR name, splitting `Myanmar (Burma)` into its two names. */
static void
add_cldr_name(const char *name, int32_t e, int source, int casemode,
			  const char *articles, const char *where)
{
	char		buf[512];
	char	   *open;
	char	   *q;

	snprintf(buf, sizeof(buf), "%s", strip_article(name, articles));
	/* `Congo - Kinshasa`: CLDR spaces the hyphen that texts write tight */
	while ((q = strstr(buf, " - ")) != NULL)
		memmove(q, q + 2, strlen(q + 2) + 1), *q = '-';
	open = strchr(buf, '(');
	if (open)
	{
		char	   *close = strchr(open, ')');

		if (close)
		{
			*close = '\0';
			add_cldr_name(open + 1, e, SRC_CLDR_PART, casemode, articles, where);
		}
		*open = '\0';
	}
	if (!add_form(buf, e, GT_VIA_NAME, source, casemode, where))
	{
		size_t		l = strlen(buf);

		while (l > 0 && buf[l - 1] == ' ')
			buf[--l] = '\0';
		if (l > 0)
			cldr_skipped++;		/* `Bosnia & Herzegovina`: the long form exists */
	}
	else
		nforms_cldr++;
}

/* Converts UTF-16 to UTF-8 into out. */
static int
to_utf8(const UChar *s, int32_t n, char *out, int32_t cap)
{
	UErrorCode	st = U_ZERO_ERROR;
	int32_t		len;

	u_strToUTF8(out, cap, &len, s, n, &st);
	return U_SUCCESS(st) && len < cap;
}

/* Adds the CLDR names (display, short, variant) of every country. */
static void
read_cldr(const char *dir)
{
	char		path[1024];
	tsv			t;
	int			c_loc,
				c_case,
				c_art;

	snprintf(path, sizeof(path), "%s/rules/cldr_languages.tsv", dir);
	if (!tsv_open(&t, path))
	{
		data_error(path, "missing");
		return;
	}
	tsv_header(&t);
	c_loc = tsv_col(&t, "locale", 1);
	c_case = tsv_col(&t, "case", 1);
	c_art = tsv_col(&t, "articles", 1);
	if (c_loc < 0 || c_case < 0 || c_art < 0)
		return;
	while (tsv_next(&t))
	{
		const char *loc = t.cols[c_loc];
		const char *articles = t.cols[c_art];
		int			casemode = parse_case(t.cols[c_case], t.where);
		UErrorCode	st = U_ZERO_ERROR;
		UResourceBundle *rb = ures_open(U_ICUDATA_NAME "-region",
										loc, &st);
		uint32_t	i;

		if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING)
		{
			data_error(t.where, "ICU has no region names for locale '%s'", loc);
			if (rb)
				ures_close(rb);
			continue;
		}
		for (i = 0; i < nentities; i++)
		{
			entity_rec *e = &entities[i];
			static const char *const tables[] = {"Countries", "Countries%short", "Countries%variant"};
			int			k;
			char		where[256];

			if (e->kind != GT_KIND_COUNTRY || !e->alpha2 || !*e->alpha2)
				continue;
			snprintf(where, sizeof(where), "CLDR %s %s", loc, e->alpha2);
			for (k = 0; k < 3; k++)
			{
				UErrorCode	s2 = U_ZERO_ERROR;
				UResourceBundle *tab = ures_getByKey(rb, tables[k], NULL, &s2);
				int32_t		len = 0;
				const UChar *name;
				char		utf8[512];

				if (U_FAILURE(s2))
				{
					ures_close(tab);
					continue;
				}
				name = ures_getStringByKey(tab, e->alpha2, &len, &s2);
				if (U_SUCCESS(s2) && name && to_utf8(name, len, utf8, sizeof(utf8)) &&
					strcmp(utf8, e->alpha2) != 0)
					add_cldr_name(utf8, (int32_t) i, SRC_CLDR, casemode, articles, where);
				ures_close(tab);
			}
		}
		ures_close(rb);
	}
}

/* ---------------------------------------------------------- resolution */

typedef struct alias_rec
{
	int32_t		entity;			/* reading-order index, -1 blocker */
	uint8_t		via,
				casemode,
				flags;
	int32_t		context;
} alias_rec;

static alias_rec *aliases;
static uint32_t naliases,
			cap_aliases;
static uint32_t ndropped;

/*
 * A surname shared by several persons counts for none of them alone: each
 * needs its full name earlier in the document.
 */
static void
resolve_surnames(phrase *p)
{
	uint32_t	k,
				q;

	for (k = 0; k < p->ncands; k++)
	{
		if (p->cands[k].lane != LANE_SURNAME)
			continue;
		for (q = 0; q < p->ncands; q++)
			if (p->cands[q].lane == LANE_SURNAME &&
				p->cands[q].entity != p->cands[k].entity)
				p->cands[k].after_full = 1;
	}
}

/* One alias per person of the surname lane; returns how many. */
static uint32_t
emit_surnames(phrase *p)
{
	uint32_t	k,
				q,
				n = 0;

	for (k = 0; k < p->ncands; k++)
	{
		candidate  *c = &p->cands[k];
		int			seen = 0,
					after_full = c->after_full;

		if (c->lane != LANE_SURNAME)
			continue;
		/* one alias per person: free if any of its rows says so */
		for (q = 0; q < k; q++)
			seen |= p->cands[q].lane == LANE_SURNAME && p->cands[q].entity == c->entity;
		if (seen)
			continue;
		for (q = k + 1; q < p->ncands; q++)
			if (p->cands[q].lane == LANE_SURNAME && p->cands[q].entity == c->entity)
				after_full &= p->cands[q].after_full;
		GROW(aliases, naliases, cap_aliases);
		aliases[naliases].entity = c->entity;
		aliases[naliases].via = c->via;
		aliases[naliases].casemode = (uint8_t) (p->has_rule ? p->rule_case : c->casemode);
		aliases[naliases].flags = GT_ALIASF_ALONE | (after_full ? GT_ALIASF_AFTER_FULL : 0);
		aliases[naliases].context = p->context;
		naliases++;
		n++;
	}
	return n;
}

/* Chooses the aliases of phrase p (precedence of src/lexicon/README.md). */
static void
resolve(phrase *p, uint32_t *first, uint32_t *count)
{
	int			pass;
	uint32_t	k;

	*first = naliases;
	*count = 0;
	for (k = 0; k < p->ncands; k++)
		if (p->cands[k].entity < 0)
		{
			GROW(aliases, naliases, cap_aliases);
			aliases[naliases].entity = -1;
			aliases[naliases].via = GT_VIA_NAME;
			aliases[naliases].casemode = GT_CASE_ANY;
			aliases[naliases].flags = 0;
			aliases[naliases].context = -1;
			naliases++;
			*count = 1;
			return;
		}

	/* lanes: full forms; prefixes (they need a hyphen); surnames */
	for (pass = 0; pass < LANE__COUNT; pass++)
	{
		int32_t		winner = -1;
		int			best_source = 99;
		int			casemode = GT_CASE_FIRST_CAP + 1;
		int			via = GT_VIA__COUNT;
		int			conflict = 0;
		int			has_full = 0;
		const char *conflict_where = NULL;

		for (k = 0; k < p->ncands; k++)
		{
			candidate  *c = &p->cands[k];

			has_full |= c->lane == LANE_FULL;
			if (c->lane != pass)
				continue;
			if (c->source < best_source)
			{
				best_source = c->source;
				winner = c->entity;
				conflict = 0;
			}
		}
		if (winner < 0)
			continue;
		if (pass == LANE_SURNAME)
		{
			if (has_full)
			{
				fprintf(stderr, "gen_lexicon: note: a surname that is also a full name of an actor gives way to it (%s)\n",
						p->cands[0].where);
				continue;
			}
			resolve_surnames(p);
			*count += emit_surnames(p);
			continue;
		}
		for (k = 0; k < p->ncands; k++)
		{
			candidate  *c = &p->cands[k];

			if (c->lane != pass || c->source != best_source)
				continue;
			if (c->entity != winner)
			{
				conflict = 1;
				conflict_where = c->where;
			}
			if (c->casemode < casemode)
				casemode = c->casemode;
			if (c->via < via)
				via = c->via;
		}
		if (conflict)
		{
			if (best_source == SRC_CURATED)
				data_error(conflict_where, "a form of both '%s' and another actor ('%s'); settle it in the data",
						   entities[winner].id, p->cands[0].where);
			else
			{
				fprintf(stderr, "gen_lexicon: note: CLDR gives a form to several countries (%s, …) and no curated file settles it: dropped (%s)\n",
						entities[winner].id, conflict_where);
				ndropped++;
			}
			continue;
		}
		GROW(aliases, naliases, cap_aliases);
		aliases[naliases].entity = winner;
		aliases[naliases].via = (uint8_t) via;
		aliases[naliases].casemode = (uint8_t) (p->has_rule ? p->rule_case : casemode);
		aliases[naliases].flags = pass == LANE_PREFIX ? GT_ALIASF_PREFIX : 0;
		aliases[naliases].context = p->context;
		naliases++;
		(*count)++;
	}
}

/* ---------------------------------------------------------------- emit */

static char *pool;
static uint32_t npool,
			cap_pool;

/* Appends a NUL-terminated string to the pool; returns its offset. */
static uint32_t
pool_add(const char *s, uint32_t len)
{
	uint32_t	off = npool;

	while (npool + len + 1 > cap_pool)
	{
		cap_pool = cap_pool ? cap_pool * 2 : 65536;
		pool = xrealloc(pool, cap_pool);
	}
	memcpy(pool + npool, s, len);
	pool[npool + len] = '\0';
	npool += len + 1;
	return off;
}

static uint64_t checksum = 0xCBF29CE484222325ULL;

static void
sum(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t		i;

	for (i = 0; i < n; i++)
		checksum = (checksum ^ b[i]) * 0x100000001B3ULL;
}

static uint32_t
pow2_at_least(uint64_t n)
{
	uint32_t	s = 16;

	while (s < n)
		s *= 2;
	return s;
}

static int
cmp_entity_id(const void *a, const void *b)
{
	const entity_rec *x = *(entity_rec *const *) a;
	const entity_rec *y = *(entity_rec *const *) b;

	return strcmp(x->id, y->id);
}

/* Resolves each entity's implies list into its transitive closure. */
static void
resolve_implies(void)
{
	uint32_t	i;

	for (i = 0; i < nentities; i++)
	{
		entity_rec *e = &entities[i];
		char	   *list,
				   *id,
				   *save;

		if (!e->implies_src)
			continue;
		list = xstrdup(e->implies_src);
		for (id = strtok_r(list, ",", &save); id; id = strtok_r(NULL, ",", &save))
		{
			int32_t		x;

			while (*id == ' ')
				id++;
			x = find_entity(id);
			if (x < 0)
			{
				data_error(e->id, "implies unknown actor '%s'", id);
				continue;
			}
			{
				uint32_t	q;
				int			dup = 0;

				for (q = 0; q < e->nimplies; q++)
					dup |= e->implies[q] == x;
				if (dup || x == (int32_t) i)
					continue;
			}
			e->implies = xrealloc(e->implies, sizeof(int32_t) * (e->nimplies + 1));
			e->implies[e->nimplies++] = x;
		}
	}
	/* closure: bounded by the number of entities, no recursion */
	for (i = 0; i < nentities; i++)
	{
		entity_rec *e = &entities[i];
		uint32_t	k;

		for (k = 0; k < e->nimplies; k++)
		{
			entity_rec *x = &entities[e->implies[k]];
			uint32_t	m;

			for (m = 0; m < x->nimplies; m++)
			{
				uint32_t	q;
				int			seen = x->implies[m] == (int32_t) i;

				for (q = 0; q < e->nimplies && !seen; q++)
					seen = e->implies[q] == x->implies[m];
				if (!seen)
				{
					e->implies = xrealloc(e->implies, sizeof(int32_t) * (e->nimplies + 1));
					e->implies[e->nimplies++] = x->implies[m];
				}
			}
		}
	}
}

/* Separator before element i of an initializer, per_line to a line. */
static const char *
sep(uint32_t i, uint32_t per_line)
{
	if (i == 0)
		return "\n\t";
	return i % per_line ? ", " : ",\n\t";
}

/*
 * Do the aliases [first, first + count) all require capitals?  Then the
 * quiet-word loop stops at the word only when it is written in capitals.
 */
static int
root_upper_only(uint32_t first, uint32_t count)
{
	uint32_t	k;

	for (k = 0; k < count; k++)
		if (aliases[first + k].casemode != GT_CASE_UPPER)
			return 0;
	return 1;
}

/* Offices in the order of the final entity indexes, latest term first. */
static int
cmp_office(const void *a, const void *b)
{
	const office_rec *x = a,
			   *y = b;
	uint32_t	px = entities[x->person].final_index,
				py = entities[y->person].final_index;

	if (px != py)
		return px < py ? -1 : 1;
	return x->from > y->from ? -1 : x->from < y->from ? 1 : 0;
}

/* Writes the offices table and fills each person's office_first/count. */
static void
emit_offices(FILE *out, entity_rec **order)
{
	uint32_t	i;

	(void) order;
	qsort(offices, noffices, sizeof(office_rec), cmp_office);
	fprintf(out, "static const gt_lex_office lex_offices[%u] = {\n", noffices + 1);
	for (i = 0; i < noffices; i++)
	{
		office_rec *o = &offices[i];
		entity_rec *p = &entities[o->person];

		if (p->office_count == 0)
			p->office_first = i;
		p->office_count++;
		fprintf(out, "\t{%u, %u, %d, {0}, %d, %d},\n", p->final_index,
				entities[o->country].final_index, o->role, o->from, o->to);
		sum(o, sizeof(*o));
	}
	fprintf(out, "\t{0, 0, 0, {0}, 0, 0}\n};\n\n");
}

/* Writes a C string literal for pool bytes, in lines. */
static void
emit_pool(FILE *out)
{
	uint32_t	i;
	int			col = 0;

	fprintf(out, "static const char lex_strings[%u] =\n\"", npool + 1);
	for (i = 0; i < npool; i++)
	{
		unsigned char c = (unsigned char) pool[i];

		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?')
		{
			fputc(c, out);
			col++;
		}
		else
		{
			fprintf(out, "\\%03o", c);
			col += 4;
		}
		if (col > 72)
		{
			fputs("\"\n\"", out);
			col = 0;
		}
	}
	fputs("\";\n\n", out);
}

int
main(int argc, char **argv)
{
	char		err[256];
	const char *dir;
	FILE	   *out;
	uint32_t	i,
				k;
	entity_rec **order;
	uint32_t   *alias_first,
			   *alias_count;
	uint32_t	nstates = 1;	/* state 0 means none */
	uint32_t   *token_root;
	uint32_t	edge_size,
				token_size,
				bloom_bits;
	gt_lex_edge *edges;
	gt_lex_token *ttab;
	uint32_t	pair_bits;
	uint64_t   *bloom,
			   *quiet_bloom,
			   *upper_bloom,
			   *pair_bloom;
	uint32_t   *state_alias_first,
			   *state_alias_count;
	uint32_t	nedges = 0,
				max_phrase = 0;
	uint32_t   *implies_flat = NULL,
				nimplies_flat = 0;
	char		version[256];
	UVersionInfo cldr;
	char		cldr_str[U_MAX_VERSION_STRING_LENGTH];
	UErrorCode	st = U_ZERO_ERROR;
	uint32_t   *ctx_flat = NULL,
				nctx_flat = 0;

	if (argc != 3)
	{
		fprintf(stderr, "usage: gen_lexicon LEXICON_DIR OUTPUT.c\n");
		return 2;
	}
	dir = argv[1];
	if (gt_core_init(err, sizeof(err)) < 0)
	{
		fprintf(stderr, "gen_lexicon: %s\n", err);
		return 2;
	}

	read_actor_files(dir, "countries", GT_KIND_COUNTRY);
	french_country_names();
	read_actor_files(dir, "organisations", GT_KIND_ORGANISATION);
	read_actor_files(dir, "blocs", GT_KIND_BLOC);
	read_actor_files(dir, "persons", GT_KIND_PERSON);
	read_offices(dir);
	imply_latest_office();
	if (nentities == 0)
		data_error(dir, "no actors");
	resolve_implies();
	read_abbreviations(dir);	/* first: forms tokenize with them */
	read_blockers(dir);
	read_aliases(dir);
	read_roles(dir);
	add_titled_forms(dir);
	read_cldr(dir);
	read_context(dir);

	/* entities in id order: geo_entities returns sorted ids for free */
	order = xmalloc(sizeof(entity_rec *) * nentities);
	for (i = 0; i < nentities; i++)
		order[i] = &entities[i];
	qsort(order, nentities, sizeof(entity_rec *), cmp_entity_id);
	for (i = 0; i < nentities; i++)
		order[i]->final_index = i;

	/* aliases of each phrase */
	alias_first = xmalloc(sizeof(uint32_t) * (nphrases + 1));
	alias_count = xmalloc(sizeof(uint32_t) * (nphrases + 1));
	for (i = 0; i < nphrases; i++)
	{
		if (phrases[i].ncands == 0)
		{
			/* a context rule for a form nobody has: harmless, but say it */
			alias_count[i] = 0;
			continue;
		}
		resolve(&phrases[i], &alias_first[i], &alias_count[i]);
	}

	/* the trie: states are numbered from 1; edges hash (state, token) */
	token_root = xmalloc(sizeof(uint32_t) * (ntokens + 1));
	{
		uint32_t	maxedges = 16;

		for (i = 0; i < nphrases; i++)
			maxedges += phrases[i].len;
		edge_size = pow2_at_least((uint64_t) maxedges * 2);
	}
	edges = xmalloc(sizeof(gt_lex_edge) * edge_size);
	for (i = 0; i < nphrases; i++)
	{
		phrase	   *p = &phrases[i];
		uint32_t	state;
		int			d;

		if (alias_count[i] == 0)
			continue;
		if ((uint32_t) p->len > max_phrase)
			max_phrase = p->len;
		if (token_root[p->tok[0]] == 0)
			token_root[p->tok[0]] = nstates++;
		state = token_root[p->tok[0]];
		for (d = 1; d < p->len; d++)
		{
			uint64_t	key = gt_edge_key(state, p->tok[d]);
			uint32_t	s = gt_edge_slot(key, edge_size - 1);

			while (edges[s].key != 0 && edges[s].key != key)
				s = gt_next_slot(s, edge_size - 1);
			if (edges[s].key == 0)
			{
				edges[s].key = key;
				edges[s].to = nstates++;
				nedges++;
			}
			state = edges[s].to;
		}
		p->state = state;
	}
	state_alias_first = xmalloc(sizeof(uint32_t) * nstates);
	state_alias_count = xmalloc(sizeof(uint32_t) * nstates);
	for (i = 0; i < nphrases; i++)
		if (alias_count[i] > 0)
		{
			state_alias_first[phrases[i].state] = alias_first[i];
			state_alias_count[phrases[i].state] = alias_count[i];
		}

	/* token table and bloom filter */
	token_size = pow2_at_least((uint64_t) ntokens * 2 + 1);
	ttab = xmalloc(sizeof(gt_lex_token) * token_size);
	bloom_bits = pow2_at_least((uint64_t) ntokens * 16);
	if (bloom_bits < 65536)
		bloom_bits = 65536;
	if (bloom_bits > (1u << 24))
		bloom_bits = 1u << 24;
	bloom = xmalloc(bloom_bits / 8);
	quiet_bloom = xmalloc(bloom_bits / 8);
	upper_bloom = xmalloc(bloom_bits / 8);
	{
		/* the pair bloom is sized on the pairs: a full one lets everything through */
		uint64_t	npairs = 0;

		for (i = 0; i < edge_size; i++)
			npairs += edges[i].key != 0;
		pair_bits = pow2_at_least(npairs * 16);
		if (pair_bits < 65536)
			pair_bits = 65536;
		if (pair_bits > (1u << 24))
			pair_bits = 1u << 24;
	}
	pair_bloom = xmalloc(pair_bits / 8);
	for (i = 0; i < ntokens; i++)
	{
		uint32_t	s = gt_slot(tokens[i].hash, token_size - 1);
		uint32_t	bit = (uint32_t) (tokens[i].hash >> 40) & (bloom_bits - 1);

		while (ttab[s].hash != 0)
			s = gt_next_slot(s, token_size - 1);
		ttab[s].hash = tokens[i].hash;
		ttab[s].len = (uint16_t) tokens[i].len;
		ttab[s].id = (int32_t) i;
		ttab[s].text = pool_add(tokens[i].text, tokens[i].len);
		/* only tokens that start a phrase: the others are looked up lazily */
		if (token_root[i] != 0)
			bloom[bit >> 6] |= (uint64_t) 1 << (bit & 63);
		/* a phrase by itself: the quiet-word loop must stop at it */
		if (token_root[i] != 0 && state_alias_count[token_root[i]] > 0)
		{
			if (root_upper_only(state_alias_first[token_root[i]],
								state_alias_count[token_root[i]]))
			{
				gt_bloom_set(upper_bloom, bloom_bits - 1, tokens[i].hash);
				tokens[i].flags |= GT_TOKF_UPPER_ONLY;
			}
			else
				gt_bloom_set(quiet_bloom, bloom_bits - 1, tokens[i].hash);
		}
	}

	/*
	 * The other first tokens (`new`, `la`, `united`) start phrases of two
	 * tokens or more: the quiet-word loop stops at them only when the next
	 * word fits, which the pair bloom tells.
	 */
	{
		uint32_t   *root_token = xmalloc(sizeof(uint32_t) * (nstates + 1));

		for (i = 0; i <= nstates; i++)
			root_token[i] = UINT32_MAX;
		for (i = 0; i < ntokens; i++)
			if (token_root[i] != 0)
				root_token[token_root[i]] = i;
		for (i = 0; i < edge_size; i++)
		{
			uint32_t	from,
						tok,
						first;

			if (edges[i].key == 0)
				continue;
			from = (uint32_t) ((edges[i].key - 1) >> 32);
			tok = (uint32_t) ((edges[i].key - 1) & 0xFFFFFFFFu);
			first = root_token[from];
			if (first == UINT32_MAX ||
				(state_alias_count[from] > 0 &&
				 !root_upper_only(state_alias_first[from], state_alias_count[from])))
				continue;		/* not a first token, or always in quiet_bloom */
			gt_bloom_set(pair_bloom, pair_bits - 1,
						 gt_pair_hash(tokens[first].hash, tokens[tok].hash));
		}
		free(root_token);
	}

	if (errors)
	{
		fprintf(stderr, "gen_lexicon: %d error(s) in the lexicon data; nothing written\n", errors);
		return 1;
	}

	ulocdata_getCLDRVersion(cldr, &st);
	u_versionToString(cldr, cldr_str);

	out = fopen(argv[2], "w");
	if (!out)
	{
		fprintf(stderr, "gen_lexicon: cannot write %s: %s\n", argv[2], strerror(errno));
		return 2;
	}
	fprintf(out, "/* Generated by src/lexicon/generator/gen_lexicon.c from src/lexicon/ and CLDR %s: do not edit. */\n", cldr_str);
	fprintf(out, "#include \"lexicon.h\"\n\n");

	/* entities */
	{
		uint32_t   *id_off = xmalloc(sizeof(uint32_t) * nentities);
		uint32_t   *name_off = xmalloc(sizeof(uint32_t) * nentities);
		uint32_t   *fr_off = xmalloc(sizeof(uint32_t) * nentities);
		uint32_t   *qid_off = xmalloc(sizeof(uint32_t) * nentities);

		for (i = 0; i < nentities; i++)
		{
			id_off[i] = pool_add(order[i]->id, (uint32_t) strlen(order[i]->id));
			name_off[i] = pool_add(order[i]->name_en, (uint32_t) strlen(order[i]->name_en));
			fr_off[i] = pool_add(order[i]->name_fr, (uint32_t) strlen(order[i]->name_fr));
			qid_off[i] = pool_add(order[i]->wikidata, (uint32_t) strlen(order[i]->wikidata));
		}
		emit_offices(out, order);
		fprintf(out, "static const gt_lex_entity lex_entities[%u] = {\n", nentities);
		for (i = 0; i < nentities; i++)
		{
			entity_rec *e = order[i];

			fprintf(out, "\t{%u, %u, %u, %u, %d, %d, {0}, %d, %u, %u, %u, %u},\n",
					id_off[i], name_off[i], fr_off[i], qid_off[i], e->kind, e->role,
					e->country >= 0 ? (int) entities[e->country].final_index : -1,
					nimplies_flat, e->nimplies, e->office_first, e->office_count);
			sum(&e->role, sizeof(e->role));
			sum(&e->office_count, sizeof(e->office_count));
			sum(e->id, strlen(e->id) + 1);
			sum(&e->kind, sizeof(e->kind));
			for (k = 0; k < e->nimplies; k++)
			{
				implies_flat = xrealloc(implies_flat, sizeof(uint32_t) * (nimplies_flat + 1));
				implies_flat[nimplies_flat++] = entities[e->implies[k]].final_index;
			}
		}
		fprintf(out, "};\n\n");
		fprintf(out, "static const uint32_t lex_implies[%u] = {", nimplies_flat + 1);
		for (i = 0; i < nimplies_flat; i++)
			fprintf(out, "%s%u", sep(i, 16), implies_flat[i]);
		sum(implies_flat, sizeof(uint32_t) * nimplies_flat);
		fprintf(out, "%s0};\n\n", nimplies_flat ? ", " : "");
	}

	/* tokens */
	fprintf(out, "static const gt_lex_token lex_tokens[%u] = {\n", token_size);
	for (i = 0; i < token_size; i++)
		fprintf(out, "\t{0x%016llxULL, %u, %u, 0, %d},\n",
				(unsigned long long) ttab[i].hash, ttab[i].text, ttab[i].len,
				ttab[i].hash ? ttab[i].id : -1);
	fprintf(out, "};\n\n");
	for (i = 0; i < ntokens; i++)
		sum(tokens[i].text, tokens[i].len + 1);
	fprintf(out, "static const uint32_t lex_token_root[%u] = {", ntokens + 1);
	for (i = 0; i < ntokens; i++)
		fprintf(out, "%s%u", sep(i, 16), token_root[i]);
	fprintf(out, ", 0};\n\n");
	sum(token_root, sizeof(uint32_t) * ntokens);
	fprintf(out, "static const uint8_t lex_token_flags[%u] = {", ntokens + 1);
	for (i = 0; i < ntokens; i++)
		fprintf(out, "%s%u", sep(i, 32), tokens[i].flags);
	fprintf(out, ", 0};\n\n");
	for (i = 0; i < ntokens; i++)
		sum(&tokens[i].flags, 1);
	{
		const char *names[4] = {"lex_bloom", "lex_quiet_bloom", "lex_upper_bloom", "lex_pair_bloom"};
		uint64_t   *blooms[4] = {bloom, quiet_bloom, upper_bloom, pair_bloom};
		int			b;

		for (b = 0; b < 4; b++)
		{
			uint32_t	bits = b == 3 ? pair_bits : bloom_bits;

			fprintf(out, "static const uint64_t %s[%u] = {", names[b], bits / 64);
			for (i = 0; i < bits / 64; i++)
				fprintf(out, "%s0x%llxULL", sep(i, 6), (unsigned long long) blooms[b][i]);
			fprintf(out, "};\n\n");
			sum(blooms[b], bits / 8);
		}
	}

	/* trie */
	fprintf(out, "static const gt_lex_edge lex_edges[%u] = {\n", edge_size);
	for (i = 0; i < edge_size; i++)
		fprintf(out, "\t{0x%llxULL, %u, 0},\n", (unsigned long long) edges[i].key, edges[i].to);
	fprintf(out, "};\n\n");
	sum(edges, sizeof(gt_lex_edge) * edge_size);
	fprintf(out, "static const gt_lex_state lex_states[%u] = {\n", nstates);
	for (i = 0; i < nstates; i++)
		fprintf(out, "\t{%u, %u},\n", state_alias_first[i], state_alias_count[i]);
	fprintf(out, "};\n\n");
	sum(state_alias_first, sizeof(uint32_t) * nstates);
	sum(state_alias_count, sizeof(uint32_t) * nstates);
	fprintf(out, "static const gt_lex_alias lex_aliases[%u] = {\n", naliases + 1);
	for (i = 0; i < naliases; i++)
	{
		alias_rec  *a = &aliases[i];
		int32_t		e = a->entity >= 0 ? (int32_t) entities[a->entity].final_index : -1;

		fprintf(out, "\t{%d, %u, %u, %u, 0, %d},\n", e, a->via, a->casemode, a->flags, a->context);
		sum(&e, sizeof(e));
		sum(&a->via, 3);
		sum(&a->context, sizeof(a->context));
	}
	fprintf(out, "\t{-1, 0, 0, 0, 0, -1}\n};\n\n");

	/* contexts */
	fprintf(out, "static const gt_lex_context lex_contexts[%u] = {\n", ncontexts + 1);
	for (i = 0; i < ncontexts; i++)
	{
		context_rec *c = &contexts[i];
		uint32_t	pf = nctx_flat,
					nf;

		ctx_flat = xrealloc(ctx_flat, sizeof(uint32_t) * (nctx_flat + c->nprev + c->nnext + 1));
		for (k = 0; k < c->nprev; k++)
			ctx_flat[nctx_flat++] = (uint32_t) c->prev[k];
		nf = nctx_flat;
		for (k = 0; k < c->nnext; k++)
			ctx_flat[nctx_flat++] = (uint32_t) c->next[k];
		fprintf(out, "\t{%u, %u, %u, %u, %d, %d, 0},\n", pf, c->nprev, nf, c->nnext,
				c->prev_cap, c->next_cap);
		sum(&c->prev_cap, sizeof(int));
		sum(&c->next_cap, sizeof(int));
	}
	fprintf(out, "\t{0, 0, 0, 0, 0, 0, 0}\n};\n\n");
	fprintf(out, "static const int32_t lex_ctx_tokens[%u] = {", nctx_flat + 1);
	for (i = 0; i < nctx_flat; i++)
		fprintf(out, "%s%u", sep(i, 16), ctx_flat[i]);
	fprintf(out, "%s-1};\n\n", nctx_flat ? ", " : "");
	sum(ctx_flat, sizeof(uint32_t) * nctx_flat);

	emit_pool(out);

	snprintf(version, sizeof(version), "%s (%u actors, %u forms, CLDR %s, checksum %016llx)",
			 GT_VERSION, nentities, nforms_curated + nforms_cldr, cldr_str,
			 (unsigned long long) checksum);
	fprintf(out, "const gt_lexicon gt_builtin_lexicon = {\n");
	fprintf(out, "\t\"%s\", 0x%016llxULL, lex_strings,\n", version, (unsigned long long) checksum);
	fprintf(out, "\t%u, lex_entities, lex_implies,\n", nentities);
	fprintf(out, "\t%u, lex_tokens, %u, lex_token_root, lex_token_flags,\n", token_size - 1, ntokens);
	fprintf(out, "\t%u, lex_bloom, lex_quiet_bloom, lex_upper_bloom, lex_pair_bloom, %u,\n",
			bloom_bits - 1, pair_bits - 1);
	fprintf(out, "\t%u, lex_edges, %u, lex_states, %u, lex_aliases,\n", edge_size - 1, nstates, naliases);
	fprintf(out, "\t%u, lex_contexts, lex_ctx_tokens,\n", ncontexts);
	fprintf(out, "\t%u, lex_offices,\n", noffices);
	fprintf(out, "\t%u, %u\n};\n", nforms_curated + nforms_cldr, max_phrase);
	if (fclose(out) != 0)
	{
		fprintf(stderr, "gen_lexicon: cannot write %s\n", argv[2]);
		return 2;
	}
	fprintf(stderr, "gen_lexicon: %u actors, %u curated and %u CLDR forms, %u phrases, %u tokens, %u states; %u CLDR forms skipped (punctuation), %u dropped (ambiguous)\n",
			nentities, nforms_curated, nforms_cldr, nphrases, ntokens, nstates,
			cldr_skipped, ndropped);
	return 0;
}
