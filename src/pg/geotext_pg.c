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
#include "utils/date.h"
#include "datatype/timestamp.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "core.h"
#include "geotext_pg.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(geo_entities);
PG_FUNCTION_INFO_V1(geo_entities_at);
PG_FUNCTION_INFO_V1(geo_mentions);
PG_FUNCTION_INFO_V1(geo_actors);
PG_FUNCTION_INFO_V1(geotext_version);

#define LEXICON (&gt_builtin_lexicon)

/* Core initialisation, once per backend; an ICU or PCRE2 failure is an error. */
void
gt_pg_ensure_core(void)
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

/*
 * See geotext_pg.h.  The core finishes a text whatever ICU or PCRE2 did, but
 * its result may then miss an actor or name a wrong one: none is returned.
 * The record is cleared before the error is raised, so that the next call
 * starts clean (gt_doc_start clears it too, for a call cut short by a
 * cancel before it got here).
 */
void
gt_pg_check_analysis(void)
{
	const gt_failure *f = gt_core_failure();
	const char *library,
			   *call;
	char	   *text;

	if (likely(f == NULL))
		return;
	library = f->library;		/* (string constants) */
	call = f->call;
	text = pstrdup(f->text);
	gt_core_failure_clear();
	ereport(ERROR,
			(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
			 errmsg("%s failed during a geotext analysis", library),
			 errdetail("%s: %s", call, text),
			 errhint("No result is returned, since it could miss or misname actors. If it persists, report it with the output of geotext_version().")));
}

/* See geotext_pg.h. */
void *
gt_pg_alloc(size_t size, void *arg)
{
	return MemoryContextAlloc((MemoryContext) arg, size);
}

/* See geotext_pg.h. */
void
gt_pg_release(void *ptr, void *arg)
{
	pfree(ptr);
}

static void pg_check(void *arg);

/*
 * The backend's document buffers (a few hundred kB, up to 1 MB more for a
 * copy of the text: see gt_doc_start), created on first use in
 * their own context under TopMemoryContext and reused by every call: the
 * functions run to completion before returning (geo_mentions materialises),
 * so one set is enough.  A call cut short by an error leaves nothing that the
 * next gt_doc_start, or the reset of the keep-every-word mode below, does
 * not undo.
 */
gt_doc *
gt_pg_backend_doc(void)
{
	static gt_doc *doc = NULL;
	static gt_allocator alloc;

	if (doc == NULL)
	{
		alloc.alloc = gt_pg_alloc;
		alloc.release = gt_pg_release;
		alloc.arg = AllocSetContextCreate(TopMemoryContext, "geotext buffers",
										  ALLOCSET_DEFAULT_SIZES);
		doc = gt_doc_create(LEXICON, &alloc);
		gt_doc_set_check(doc, pg_check, NULL);
	}
	/* a geo_entities_custom call cut short leaves it reading every word */
	gt_doc_keep_all(doc, 0);
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
void
gt_pg_text_as_utf8(text *t, const char **data, size_t *len)
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
	/* (an empty text comes back as it is: not NUL-terminated) */
	*len = *data == s ? (size_t) n : strlen(*data);
}

/*
 * Per backend, the marks of the actors a text names (one byte per actor)
 * and the length of each actor's id.  The marks are kept from call to call
 * and cleared by id_array as it reads them, instead of a zeroed allocation
 * of every actor's byte per call; a call cut short by an error or a cancel
 * leaves marks behind, which marks_dirty tells the next call to clear.
 */
static uint8 *backend_marks = NULL;
static uint16 *id_lengths = NULL;
static bool marks_dirty = false;

/* The backend's marks, all clear. */
static uint8 *
clear_marks(const gt_lexicon *lex)
{
	if (backend_marks == NULL)
	{
		uint16	   *lens = MemoryContextAlloc(TopMemoryContext,
											  sizeof(uint16) * lex->n_entities);
		uint32		i;

		for (i = 0; i < lex->n_entities; i++)
			lens[i] = (uint16) strlen(gt_lex_entity_id(lex, i));
		id_lengths = lens;
		backend_marks = MemoryContextAllocZero(TopMemoryContext, lex->n_entities);
	}
	else if (marks_dirty)
		memset(backend_marks, 0, lex->n_entities);
	marks_dirty = true;
	return backend_marks;
}

/*
 * The ids marked in marks (count of them), as a sorted text[] (entities are
 * in id order); clears the marks it reads.  The array is laid out here in
 * one allocation, as construct_array() would lay it out (1-D, no nulls,
 * 4-byte headers, int alignment): one palloc per call instead of one per id
 * and a copy, which shows on short articles.
 */
#define FEW_IDS 64

static ArrayType *
id_array(const gt_lexicon *lex, uint8 *marks, uint32 count)
{
	uint32		few[FEW_IDS];
	uint32	   *ids = count <= FEW_IDS ? few : palloc(sizeof(uint32) * count);
	uint32		i,
				k = 0;
	Size		data = 0;
	ArrayType  *a;
	char	   *p;

	if (count == 0)
		return construct_empty_array(TEXTOID);
	/*
	 * Most of the marks are zeros (a text names a few of the 2475 actors,
	 * and a person's id sorts last): eight at a time, the set bytes of a
	 * word found by counting zeros rather than tested one by one; then the
	 * last few, one by one.
	 */
	for (i = 0; i + 8 <= lex->n_entities && k < count; i += 8)
	{
		uint64		w;

		memcpy(&w, marks + i, 8);
		if (w == 0)
			continue;
		memset(marks + i, 0, 8);
		do
		{
			/* b: the first set byte in memory order */
#ifdef WORDS_BIGENDIAN
			uint32		b = (uint32) __builtin_clzll(w) >> 3;

			w &= ~((uint64) 0xFF << (8 * (7 - b)));
#else
			uint32		b = (uint32) __builtin_ctzll(w) >> 3;

			w &= ~((uint64) 0xFF << (8 * b));
#endif
			ids[k++] = i + b;
		} while (w != 0);
	}
	for (; i < lex->n_entities && k < count; i++)
		if (marks[i])
		{
			marks[i] = 0;
			ids[k++] = i;
		}
	for (i = 0; i < k; i++)
		data += INTALIGN(VARHDRSZ + id_lengths[ids[i]]);
	a = (ArrayType *) palloc0(ARR_OVERHEAD_NONULLS(1) + data);
	SET_VARSIZE(a, ARR_OVERHEAD_NONULLS(1) + data);
	a->ndim = 1;
	a->dataoffset = 0;			/* no nulls */
	a->elemtype = TEXTOID;
	ARR_DIMS(a)[0] = (int) k;
	ARR_LBOUND(a)[0] = 1;
	p = ARR_DATA_PTR(a);
	for (i = 0; i < k; i++)
	{
		uint32		n = id_lengths[ids[i]];

		SET_VARSIZE(p, VARHDRSZ + n);
		memcpy(VARDATA(p), gt_lex_entity_id(lex, ids[i]), n);
		p += INTALIGN(VARHDRSZ + n);
	}
	if (ids != few)
		pfree(ids);
	return a;
}

/* The actor ids of text on date (YYYYMMDD, 0 for none), as a text[]. */
static ArrayType *
entities_of(text *t, int32 date)
{
	const gt_lexicon *lex = LEXICON;
	const char *data;
	size_t		len;
	uint8	   *marks;
	uint32		count;
	ArrayType  *result;

	gt_pg_ensure_core();
	gt_pg_text_as_utf8(t, &data, &len);
	marks = clear_marks(lex);
	count = gt_doc_entities_at(gt_pg_backend_doc(), data, len, date, marks);
	gt_pg_check_analysis();		/* (an error leaves the marks dirty) */
	result = id_array(lex, marks, count);
	marks_dirty = false;		/* (count is exact: every mark was read) */
	return result;
}

/* geo_entities(text) → text[]: the sorted, distinct actor ids. */
Datum
geo_entities(PG_FUNCTION_ARGS)
{
	PG_RETURN_ARRAYTYPE_P(entities_of(PG_GETARG_TEXT_PP(0), 0));
}

/* A date as the core wants it: YYYYMMDD. */
static int32
date_to_ymd(DateADT d)
{
	int			y,
				m,
				day;

	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("as_of must be a finite date"),
				 errhint("Pass the date the text speaks of, such as its publication date.")));
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	if (y < 1 || y > 9999)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("as_of must be between the years 1 and 9999"),
				 errhint("Pass the date the text speaks of, such as its publication date.")));
	return y * 10000 + m * 100 + day;
}

/*
 * geo_entities(text, as_of date) → text[]: the same, and a role named next to
 * a state (`the US president`) also gives the office holder on that date.
 */
Datum
geo_entities_at(PG_FUNCTION_ARGS)
{
	PG_RETURN_ARRAYTYPE_P(entities_of(PG_GETARG_TEXT_PP(0),
									  date_to_ymd(PG_GETARG_DATEADT(1))));
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
	int			natts;

	gt_pg_ensure_core();
	InitMaterializedSRF(fcinfo, 0);
	/* 0.1.0's geo_mention has six attributes, 0.2.0's a seventh: via */
	natts = rsinfo->setDesc->natts;
	gt_pg_text_as_utf8(t, &data, &len);
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "geo_mentions rows",
								   ALLOCSET_SMALL_SIZES);
	doc = gt_pg_backend_doc();
	gt_doc_start(doc, data, len);
	while (gt_doc_next(doc, &s, &m, &nm))
	{
		old = MemoryContextSwitchTo(rowcxt);
		for (k = 0; k < nm; k++)
		{
			const gt_mention *x = &m[k];
			const gt_lex_entity *e = &lex->entities[x->entity];
			Datum		values[7];
			bool		nulls[7] = {false, false, false, false, false, false, false};
			uint32		i;

			if (e->kind == GT_KIND_ROLE)
				continue;		/* internal: only for geo_entities(text, date) */
			values[2] = utf8_text_datum(data + x->start, x->end - x->start);
			/* substr() counts characters, or bytes in SQL_ASCII */
			values[3] = Int32GetDatum((int32) (byte_offsets ? x->start : x->cstart) + 1);
			values[4] = Int32GetDatum((int32) (byte_offsets ? x->end : x->cend) + 1);
			values[5] = Int32GetDatum((int32) s->index);
			/* the mention, then the actors it implies (a person's state) */
			for (i = 0; i <= e->implies_count; i++)
			{
				uint32		id = i == 0 ? (uint32) x->entity :
					lex->implies[e->implies_first + i - 1];

				values[0] = CStringGetTextDatum(gt_lex_entity_id(lex, id));
				values[1] = CStringGetTextDatum(gt_kind_name(lex->entities[id].kind));
				values[6] = CStringGetTextDatum(gt_via_name(i == 0 ? x->via : GT_VIA_IMPLIED));
				if (i > 0 && natts < 7)
					break;		/* 0.1.0's type has no way to say it */
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			}
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(rowcxt);
	}
	gt_pg_check_analysis();
	MemoryContextDelete(rowcxt);
	return (Datum) 0;
}

/* A YYYYMMDD as a date datum. */
static Datum
ymd_to_date(int32 ymd)
{
	return DateADTGetDatum(date2j(ymd / 10000, ymd / 100 % 100, ymd % 100) -
						   POSTGRES_EPOCH_JDATE);
}

/*
 * geo_actors() → SETOF record: the built-in catalogue, one row per actor:
 * id, kind, name_en, name_fr, country, role, valid_from, valid_to, wikidata.
 * For a person, country is the first state or organisation it serves, and
 * role and dates are those of its latest office.
 */
Datum
geo_actors(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const gt_lexicon *lex = LEXICON;
	uint32		i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < lex->n_entities; i++)
	{
		const gt_lex_entity *e = &lex->entities[i];
		Datum		values[9];
		bool		nulls[9] = {false, false, false, true, true, true, true, true, true};
		const char *fr = lex->strings + e->name_fr;
		const char *qid = lex->strings + e->wikidata;

		if (e->kind == GT_KIND_ROLE)
			continue;
		values[0] = CStringGetTextDatum(gt_lex_entity_id(lex, i));
		values[1] = CStringGetTextDatum(gt_kind_name(e->kind));
		values[2] = CStringGetTextDatum(lex->strings + e->name_en);
		if (*fr)
		{
			values[3] = CStringGetTextDatum(fr);
			nulls[3] = false;
		}
		if (e->kind == GT_KIND_PERSON && e->implies_count > 0)
		{
			values[4] = CStringGetTextDatum(gt_lex_entity_id(lex, lex->implies[e->implies_first]));
			nulls[4] = false;
		}
		if (e->office_count > 0)
		{
			const gt_lex_office *o = &lex->offices[e->office_first];

			values[5] = CStringGetTextDatum(gt_role_name(o->role));
			values[6] = ymd_to_date(o->from);
			nulls[5] = nulls[6] = false;
			if (o->to != GT_OFFICE_OPEN)
			{
				values[7] = ymd_to_date(o->to);
				nulls[7] = false;
			}
		}
		if (*qid)
		{
			values[8] = CStringGetTextDatum(qid);
			nulls[8] = false;
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* geotext_version() → text: library, lexicon, ICU and PCRE2 versions. */
Datum
geotext_version(PG_FUNCTION_ARGS)
{
	gt_pg_ensure_core();
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("geotext %s, lexicon %s, ICU %s, PCRE2 %s",
											  GT_VERSION, LEXICON->version,
											  gt_icu_version(), gt_pcre2_version())));
}
