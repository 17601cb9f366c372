/*
 * test_roles.c — role phrases resolved on a date (gt_doc_entities_at), and
 * a word long enough to overflow a 16-bit length.
 */
#include <stdlib.h>

#include "unit.h"

/* The actor ids of text on date, comma-separated (static buffer). */
static const char *
entities_at(const char *text, size_t len, int32_t date)
{
	static char buf[1024];
	const gt_lexicon *lex = &gt_builtin_lexicon;
	uint8_t    *present = calloc(lex->n_entities, 1);
	size_t		used = 0;
	uint32_t	i;

	buf[0] = '\0';
	gt_doc_entities_at(ut_doc, text, len, date, present);
	for (i = 0; i < lex->n_entities && used + 80 < sizeof(buf); i++)
		if (present[i])
			used += snprintf(buf + used, sizeof(buf) - used, "%s%s", used ? "," : "",
							 gt_lex_entity_id(lex, i));
	free(present);
	return buf;
}

#define AT(text, date) entities_at((text), strlen(text), (date))

void
test_roles(void)
{
	char	   *big;
	size_t		n;

	/* the holder on that date, and the state of that office only (not the
	 * organisation the person heads later) */
	CHECK_STR(AT("The Dutch prime minister spoke.", 20200101), "NLD,mark_rutte",
			  "Rutte in 2020: no NATO");
	CHECK_STR(AT("The Portuguese prime minister spoke.", 20000101), "PRT,antonio_guterres",
			  "Guterres in 2000: no UN");
	/* a handover day: the incoming holder, whatever the ids' order */
	CHECK_STR(AT("The US president spoke.", 20170120), "USA,donald_trump", "2017-01-20");
	CHECK_STR(AT("The US president spoke.", 20210120), "USA,joe_biden", "2021-01-20");
	CHECK_STR(AT("The US president spoke.", 20250120), "USA,donald_trump", "2025-01-20");
	CHECK_STR(AT("The US president spoke.", 20210119), "USA,donald_trump", "the day before");
	/* a name, by contrast, still implies the state of the latest office */
	CHECK_STR(AT("Mark Rutte spoke.", 20200101), "NATO,mark_rutte", "Rutte by name");

	/* a word folding to 65536 + 5 bytes is no `China` (its length once
	 * wrapped round a 16-bit field) */
	n = 5 + 65536;
	big = malloc(n + 1);
	memcpy(big, "China", 5);
	memset(big + 5, 'a', 65536);
	big[n] = '\0';
	CHECK_STR(entities_at(big, n, 0), "", "China + 65536 letters");
	free(big);
}

/*
 * The holder of a post on a date, as a plain scan of every office finds it:
 * the term that holds and began last (the first of equal starts).  The core
 * finds it by binary search in the offices sorted by post; both must agree.
 */
static int32_t
holder_by_scan(const gt_lexicon *lex, uint32_t state, int role, int32_t date)
{
	const gt_lex_office *best = NULL;
	uint32_t	i;

	for (i = 0; i < lex->n_offices; i++)
	{
		const gt_lex_office *o = &lex->offices[i];

		if (o->country == state && o->role == role && o->from <= date &&
			date <= o->to && (!best || o->from > best->from))
			best = o;
	}
	return best ? (int32_t) best->person : -1;
}

/*
 * Every office of the lexicon, on the days its term begins and ends and the
 * days around them, through a role phrase that names the state itself
 * (`Secretary of State`) or one placed next to the state's name.
 */
void
test_role_posts(void)
{
	const gt_lexicon *lex = &gt_builtin_lexicon;
	uint32_t	i,
				e,
				checked = 0;
	int			agree = 1;

	for (i = 0; i < lex->n_offices; i++)
	{
		const gt_lex_office *o = &lex->offices[i];
		int32_t		dates[4] = {o->from, o->from - 1, o->to, o->to + 1};

		for (e = 0; e < lex->n_entities; e++)
		{
			const gt_lex_entity *r = &lex->entities[e];
			gt_mention	m[2];
			uint32_t	nm = 0;
			int			d;

			if (r->kind != GT_KIND_ROLE || r->role != o->role)
				continue;
			memset(m, 0, sizeof(m));
			if (r->country < 0)
			{
				if (lex->entities[o->country].kind != GT_KIND_COUNTRY)
					continue;
				m[nm].entity = (int32_t) o->country;	/* `Russian` … */
				m[nm].start = 0;
				m[nm++].end = 7;
			}
			else if ((uint32_t) r->country != o->country)
				continue;
			m[nm].entity = (int32_t) e; /* … `president` */
			m[nm].start = 8;
			m[nm++].end = 17;
			for (d = 0; d < 4; d++)
			{
				int32_t		state;
				int32_t		got = gt_role_holder(lex, m, nm, nm - 1, dates[d], &state);
				int32_t		want = holder_by_scan(lex, o->country, o->role, dates[d]);

				checked++;
				if (got != want || state != (int32_t) o->country)
				{
					if (agree)
						fprintf(stderr, "office %u (%s), date %d: holder %d, by scan %d\n",
								i, gt_lex_entity_id(lex, o->person), dates[d], got, want);
					agree = 0;
				}
			}
		}
	}
	CHECK(agree && checked > 1000,
		  "the holder of every post on %u dates around its terms is the one a scan finds", checked);
}
