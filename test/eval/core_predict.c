/*
 * core_predict.c — geo_entities and geo_mentions without PostgreSQL, for
 * quick evaluation runs (`bash test/eval/eval.sh --core`; `make eval-core` builds it).
 *
 *     build/core_predict < texts.tsv > pred.jsonl
 *
 * Input: the TSV that `eval_entities.py --export-texts` writes, one document
 * a line, three base64 columns: gold file, id, text.  Output: one JSON object
 * a line, as test/eval/eval.sh's SQL gives it:
 *
 *     {"file": ..., "id": ..., "entities": [...], "mentions": [[entity, surface], ...]}
 *
 * entities: what geo_entities(text) returns (no date: gt_doc_entities), in
 * the lexicon's order; mentions: the distinct (entity, surface) pairs of
 * geo_mentions(text), the implied actors of a mention included and roles
 * left out, here sorted (SQL's DISTINCT gives no order).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static void
die(const char *msg)
{
	fprintf(stderr, "core_predict: %s\n", msg);
	exit(2);
}

static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

/* Decodes base64 src[0..n) into a new NUL-terminated buffer; *len gets its size. */
static char *
b64_decode(const char *src, size_t n, size_t *len)
{
	char	   *out = xmalloc(n / 4 * 3 + 4);
	size_t		k = 0;
	uint32_t	acc = 0;
	int			bits = 0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		int			c = (unsigned char) src[i],
					v;

		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= 'a' && c <= 'z')
			v = c - 'a' + 26;
		else if (c >= '0' && c <= '9')
			v = c - '0' + 52;
		else if (c == '+')
			v = 62;
		else if (c == '/')
			v = 63;
		else if (c == '=' || c == '\r')
			continue;
		else
			die("bad base64 in the input");
		acc = (acc << 6) | (uint32_t) v;
		bits += 6;
		if (bits >= 8)
		{
			bits -= 8;
			out[k++] = (char) ((acc >> bits) & 0xFF);
		}
	}
	out[k] = '\0';
	*len = k;
	return out;
}

/* A JSON string, escaped as PostgreSQL's json functions do. */
static void
put_json(const char *s, size_t n)
{
	/* characters JSON writes as a backslash and a letter */
	static const char esc_from[] = "\"\\\b\f\n\r\t";
	static const char esc_to[] = "\"\\bfnrt";
	size_t		i;

	putchar('"');
	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];
		const char *e = c ? strchr(esc_from, c) : NULL;

		if (e)
		{
			putchar('\\');
			putchar(esc_to[e - esc_from]);
		}
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

typedef struct pair
{
	const char *entity;
	const char *surface;		/* into the text */
	size_t		len;
} pair;

static int
pair_cmp(const void *a, const void *b)
{
	const pair *x = a,
			   *y = b;
	int			c = strcmp(x->entity, y->entity);
	size_t		n = x->len < y->len ? x->len : y->len;

	if (c)
		return c;
	c = memcmp(x->surface, y->surface, n);
	if (c)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

int
main(int argc, char **argv)
{
	const gt_lexicon *lex = &gt_builtin_lexicon;
	char		err[256];
	gt_doc	   *doc;
	uint8_t    *present;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		got;
	pair	   *pairs = NULL;
	size_t		npairs_cap = 0;

	if (argc > 1)
	{
		fprintf(stderr, "usage: core_predict < texts.tsv > pred.jsonl\n");
		return 2;
	}
	if (gt_core_init(err, sizeof(err)) < 0)
		die(err);
	doc = gt_doc_create(lex, &gt_malloc_allocator);
	present = xmalloc(lex->n_entities);

	while ((got = getline(&line, &cap, stdin)) > 0)
	{
		char	   *col[3];
		size_t		clen[3];
		char	   *p = line,
				   *end = line + got;
		char	   *file,
				   *id,
				   *text;
		size_t		flen,
					idlen,
					tlen,
					np = 0,
					i;
		const gt_sentence *s;
		const gt_mention *m;
		uint32_t	nm,
					k;
		int			c,
					first;

		while (end > line && (end[-1] == '\n' || end[-1] == '\r'))
			end--;
		if (end == line)
			continue;
		for (c = 0; c < 3; c++)
		{
			char	   *tab = c < 2 ? memchr(p, '\t', end - p) : NULL;

			if (c < 2 && !tab)
				die("a line without three tab-separated columns");
			col[c] = p;
			clen[c] = (c < 2 ? tab : end) - p;
			p = c < 2 ? tab + 1 : end;
		}
		file = b64_decode(col[0], clen[0], &flen);
		id = b64_decode(col[1], clen[1], &idlen);
		text = b64_decode(col[2], clen[2], &tlen);

		/* geo_entities(text) */
		memset(present, 0, lex->n_entities);
		gt_doc_entities(doc, text, tlen, present);
		fputs("{\"file\": ", stdout);
		put_json(file, flen);
		fputs(", \"id\": ", stdout);
		put_json(id, idlen);
		fputs(", \"entities\": [", stdout);
		first = 1;
		for (i = 0; i < lex->n_entities; i++)
			if (present[i])
			{
				const char *e = gt_lex_entity_id(lex, (uint32_t) i);

				if (!first)
					fputs(", ", stdout);
				put_json(e, strlen(e));
				first = 0;
			}

		/* SELECT DISTINCT entity, surface FROM geo_mentions(text) */
		gt_doc_start(doc, text, tlen);
		while (gt_doc_next(doc, &s, &m, &nm))
			for (k = 0; k < nm; k++)
			{
				const gt_lex_entity *e = &lex->entities[m[k].entity];
				uint32_t	j;

				if (e->kind == GT_KIND_ROLE)
					continue;
				for (j = 0; j <= e->implies_count; j++)
				{
					uint32_t	eid = j == 0 ? (uint32_t) m[k].entity :
						lex->implies[e->implies_first + j - 1];

					if (np == npairs_cap)
					{
						npairs_cap = npairs_cap ? 2 * npairs_cap : 256;
						pairs = realloc(pairs, npairs_cap * sizeof(pair));
						if (!pairs)
							die("out of memory");
					}
					pairs[np].entity = gt_lex_entity_id(lex, eid);
					pairs[np].surface = text + m[k].start;
					pairs[np].len = m[k].end - m[k].start;
					np++;
				}
			}
		qsort(pairs, np, sizeof(pair), pair_cmp);
		fputs("], \"mentions\": [", stdout);
		for (i = 0; i < np; i++)
		{
			if (i > 0 && pair_cmp(&pairs[i - 1], &pairs[i]) == 0)
				continue;
			if (i > 0)
				fputs(", ", stdout);
			putchar('[');
			put_json(pairs[i].entity, strlen(pairs[i].entity));
			fputs(", ", stdout);
			put_json(pairs[i].surface, pairs[i].len);
			putchar(']');
		}
		fputs("]}\n", stdout);
		free(file);
		free(id);
		free(text);
	}
	free(line);
	free(pairs);
	free(present);
	gt_doc_destroy(doc);
	return 0;
}
