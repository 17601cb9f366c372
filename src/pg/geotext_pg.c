/*
 * geotext_pg.c — the PostgreSQL face of the core: fmgr wrappers, encoding,
 * errors, cancellation.  Everything that analyses text is in src/core/.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "core.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(geo_entities);
PG_FUNCTION_INFO_V1(geo_mentions);
PG_FUNCTION_INFO_V1(geotext_version);

#define LEXICON (&gt_builtin_lexicon)

/* Core initialisation, once per backend; an ICU or PCRE2 failure is an error. */
static void
ensure_core(void)
{
	static bool ready = false;
	char		err[256];

	if (ready)
		return;
	if (gt_core_init(err, sizeof(err)) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("geotext could not initialise its text libraries"),
				 errdetail("%s", err),
				 errhint("Check that the ICU and PCRE2 libraries geotext was built with are installed.")));
	ready = true;
}

/* The core allocates from the memory context given as arg. */
static void *
pg_alloc(size_t size, void *arg)
{
	return MemoryContextAlloc((MemoryContext) arg, size);
}

static void
pg_release(void *ptr, void *arg)
{
	pfree(ptr);
}

static void pg_check(void *arg);

/*
 * The backend's document buffers (a few hundred kB), created on first use in
 * their own context under TopMemoryContext and reused by every call: the
 * functions run to completion before returning (geo_mentions materialises),
 * so one set is enough.  A call cut short by an error leaves nothing that the
 * next gt_doc_start does not reset.
 */
static gt_doc *
backend_doc(void)
{
	static gt_doc *doc = NULL;
	static gt_allocator alloc;

	if (doc == NULL)
	{
		alloc.alloc = pg_alloc;
		alloc.release = pg_release;
		alloc.arg = AllocSetContextCreate(TopMemoryContext, "geotext buffers",
										  ALLOCSET_DEFAULT_SIZES);
		doc = gt_doc_create(LEXICON, &alloc);
		gt_doc_set_check(doc, pg_check, NULL);
	}
	return doc;
}

/* Called by the core every 256 kB of text: lets statement_timeout and
 * cancel requests through (the core holds no resource outside palloc). */
static void
pg_check(void *arg)
{
	CHECK_FOR_INTERRUPTS();
}

/*
 * The argument as UTF-8.  In a UTF8 database that is the text itself; in
 * another encoding it is converted; in SQL_ASCII, where PostgreSQL does not
 * know the encoding, it must already be valid UTF-8.
 */
static void
text_as_utf8(text *t, const char **data, size_t *len)
{
	char	   *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);
	int			enc = GetDatabaseEncoding();

	if (enc == PG_UTF8)
	{
		*data = s;
		*len = n;
		return;
	}
	if (enc == PG_SQL_ASCII)
	{
		if (!pg_verify_mbstr(PG_UTF8, s, n, true))
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("geotext needs UTF-8 text"),
					 errdetail("The database encoding is SQL_ASCII and the text is not valid UTF-8."),
					 errhint("Convert the text to UTF-8, or use a database with encoding UTF8.")));
		*data = s;
		*len = n;
		return;
	}
	*data = pg_server_to_any(s, n, PG_UTF8);
	*len = strlen(*data);
}

/* geo_entities(text) → text[]: the sorted, distinct actor ids. */
Datum
geo_entities(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const gt_lexicon *lex = LEXICON;
	const char *data;
	size_t		len;
	uint8	   *present;
	uint32		count,
				i,
				k = 0;
	Datum	   *elems;

	ensure_core();
	text_as_utf8(t, &data, &len);
	present = palloc0(lex->n_entities);
	count = gt_doc_entities(backend_doc(), data, len, present);
	if (count == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(TEXTOID));
	elems = palloc(sizeof(Datum) * count);
	for (i = 0; i < lex->n_entities && k < count; i++)
		if (present[i])
			elems[k++] = CStringGetTextDatum(gt_lex_entity_id(lex, i));
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, (int) k, TEXTOID, -1, false,
										  TYPALIGN_INT));
}

/* A text datum in the server encoding from UTF-8 bytes. */
static Datum
utf8_text_datum(const char *s, size_t len)
{
	char	   *conv = pg_any_to_server(s, (int) len, PG_UTF8);

	return PointerGetDatum(cstring_to_text_with_len(conv, conv == s ? (int) len : (int) strlen(conv)));
}

/*
 * geo_mentions(text) → SETOF geo_mention: every mention with its offsets.
 * Rows go to a tuplestore (which spills to disk), and per-sentence memory is
 * reset, so a huge text needs bounded memory.
 */
Datum
geo_mentions(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *t = PG_GETARG_TEXT_PP(0);
	const gt_lexicon *lex = LEXICON;
	const char *data;
	size_t		len;
	gt_doc	   *doc;
	const gt_sentence *s;
	const gt_mention *m;
	uint32		nm,
				k;
	MemoryContext rowcxt,
				old;
	bool		byte_offsets = GetDatabaseEncoding() == PG_SQL_ASCII;

	ensure_core();
	InitMaterializedSRF(fcinfo, 0);
	text_as_utf8(t, &data, &len);
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "geo_mentions rows",
								   ALLOCSET_SMALL_SIZES);
	doc = backend_doc();
	gt_doc_start(doc, data, len);
	while (gt_doc_next(doc, &s, &m, &nm))
	{
		old = MemoryContextSwitchTo(rowcxt);
		for (k = 0; k < nm; k++)
		{
			Datum		values[6];
			bool		nulls[6] = {false, false, false, false, false, false};
			const gt_mention *x = &m[k];

			values[0] = CStringGetTextDatum(gt_lex_entity_id(lex, (uint32) x->entity));
			values[1] = CStringGetTextDatum(gt_kind_name(lex->entities[x->entity].kind));
			values[2] = utf8_text_datum(data + x->start, x->end - x->start);
			/* substr() counts characters, or bytes in SQL_ASCII */
			values[3] = Int32GetDatum((int32) (byte_offsets ? x->start : x->cstart) + 1);
			values[4] = Int32GetDatum((int32) (byte_offsets ? x->end : x->cend) + 1);
			values[5] = Int32GetDatum((int32) s->index);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(rowcxt);
	}
	MemoryContextDelete(rowcxt);
	return (Datum) 0;
}

/* geotext_version() → text: library, lexicon, ICU and PCRE2 versions. */
Datum
geotext_version(PG_FUNCTION_ARGS)
{
	ensure_core();
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("geotext %s, lexicon %s, ICU %s, PCRE2 %s",
											  GT_VERSION, LEXICON->version,
											  gt_icu_version(), gt_pcre2_version())));
}
