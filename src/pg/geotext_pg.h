/*
 * geotext_pg.h — what the PostgreSQL glue files share.
 */
#ifndef GEOTEXT_PG_H
#define GEOTEXT_PG_H

#include "core.h"

/*
 * What the glue files share is internal to geotext.so, like the core (see
 * the Makefile): only the SQL functions' entry points are exported.
 */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* The built-in lexicon. */
#define gt_pg_lexicon() (&gt_builtin_lexicon)

/* Initialises the core once per backend; errors on an ICU/PCRE2 failure. */
void		gt_pg_ensure_core(void);

/*
 * After each analysis (a text, an alias): an ICU or PCRE2 failure the core
 * recorded is an error, and the record is cleared first.
 */
void		gt_pg_check_analysis(void);

/* An allocator for the core: from the memory context given as arg. */
void	   *gt_pg_alloc(size_t size, void *arg);
void		gt_pg_release(void *ptr, void *arg);

/* The backend's reusable document buffers. */
gt_doc	   *gt_pg_backend_doc(void);

/* The text argument as UTF-8 (converted, or checked in SQL_ASCII). */
void		gt_pg_text_as_utf8(text *t, const char **data, size_t *len);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
