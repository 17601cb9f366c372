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
