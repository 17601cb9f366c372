/*
 * lexicon.c — lookups in the compiled lexicon tables.
 */
#include "lexicon.h"

#include "hash.h"

#include <string.h>

/* See lexicon.h. */
int32_t
gt_lex_lookup(const gt_lexicon *lex, uint64_t hash, const char *text,
			  uint32_t len)
{
	uint32_t	slot = gt_slot(hash, lex->token_mask);
	uint32_t	check = gt_token_check(hash);

	for (;;)
	{
		const gt_lex_token *t = &lex->tokens[slot];

		if (t->check == 0)
			return -1;
		if (t->check == check)
		{
			const gt_lex_token_info *info = &lex->token_info[t->id];

			if (info->len == len && gt_same_bytes(lex->strings + info->text, text, len))
				return t->id;
		}
		slot = gt_next_slot(slot, lex->token_mask);
	}
}

/* See lexicon.h. */
uint32_t
gt_lex_step(const gt_lexicon *lex, uint32_t state, int32_t token)
{
	uint64_t	key = gt_edge_key(state, token);
	uint32_t	slot = gt_edge_slot(key, lex->edge_mask);

	for (;;)
	{
		const gt_lex_edge *e = &lex->edges[slot];

		if (e->key == 0)
			return 0;
		if (e->key == key)
			return e->to;
		slot = gt_next_slot(slot, lex->edge_mask);
	}
}

static const char *const kind_names[] = {"country", "organisation", "bloc", "person", "role"};
static const char *const via_names[] = {"name", "capital", "demonym", "prefix", "surname",
"title", "role", "implied"};
static const char *const role_names[] = {"", "head_of_state", "head_of_government",
"foreign_minister", "defence_minister", "org_head", "deputy_head", "minister"};

/* See lexicon.h. */
const char *
gt_kind_name(int kind)
{
	return kind >= 0 && kind < GT_KIND__COUNT ? kind_names[kind] : "unknown";
}

/* See lexicon.h. */
const char *
gt_role_name(int role)
{
	return role > 0 && role < GT_ROLE__COUNT ? role_names[role] : "";
}

/* See lexicon.h. */
const char *
gt_via_name(int via)
{
	return via >= 0 && via < GT_VIA__COUNT ? via_names[via] : "unknown";
}
