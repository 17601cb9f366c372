/*
 * custom_pg.c — geo_entities_custom(text): the built-in actors plus the
 * users' own, from the tables geo_custom_actors and geo_custom_aliases.
 *
 * The function is STABLE, not IMMUTABLE: its result depends on those tables.
 * Their rows are compiled into a matcher (core/custom.c) once per backend
 * and rebuilt when they change.  Changes are seen through a version number
 * that statement-level triggers on both tables increase; it is read once
 * per statement, with a fixed query (no text from the caller reaches SPI).
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "core.h"
#include "geotext_pg.h"
#include "storage/proc.h"

PG_FUNCTION_INFO_V1(geo_entities_custom);

/* The backend's compiled custom actors. */
typedef struct custom_cache
{
	MemoryContext cxt;			/* everything below lives here */
	int64		version;		/* of geo_custom_state when built */
	gt_custom  *matcher;
	uint32		nactors;
	char	  **ids;			/* actor number → id */
	int		   *implies_first;	/* actor number → range in implies */
	int		   *implies_count;
	char	  **implies;		/* ids: built-in or custom */
	TimestampTz checked_stmt;	/* statement whose version was read */
	LocalTransactionId checked_xact;
} custom_cache;

static custom_cache cache = {NULL, -1};


/* Runs a fixed read-only query; errors if it fails. */
static void
run_query(const char *sql)
{
	int			rc = SPI_execute(sql, true, 0);

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "geotext: reading the custom actors failed: %s",
			 SPI_result_code_string(rc));
}

/*
 * The schema geotext is installed in, quoted for a query (inside an SPI
 * connection): the tables are found there whatever the search_path.
 */
static const char *
extension_schema(void)
{
	char	   *name;

	run_query("SELECT n.nspname FROM pg_catalog.pg_extension e "
			  "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
			  "WHERE e.extname = 'geotext'");
	if (SPI_processed != 1)
		elog(ERROR, "geotext: the extension is not installed in this database");
	name = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	return quote_identifier(name);
}

/* Rebuilds the matcher from the tables (inside an SPI connection). */
static void
rebuild(const char *schema, int64 version)
{
	MemoryContext cxt,
				old;
	static gt_allocator alloc;
	uint64		i;
	uint32		n;

	if (cache.cxt)
		MemoryContextDelete(cache.cxt);
	memset(&cache, 0, sizeof(cache));
	cache.version = -1;
	cxt = AllocSetContextCreate(TopMemoryContext, "geotext custom actors",
								ALLOCSET_DEFAULT_SIZES);
	alloc.alloc = gt_pg_alloc;
	alloc.release = gt_pg_release;
	alloc.arg = cxt;

	run_query(psprintf("SELECT id, coalesce(implies, '{}') FROM %s.geo_custom_actors ORDER BY id",
					   schema));
	old = MemoryContextSwitchTo(cxt);
	n = (uint32) SPI_processed;
	cache.ids = palloc0(sizeof(char *) * (n + 1));
	cache.implies_first = palloc0(sizeof(int) * (n + 1));
	cache.implies_count = palloc0(sizeof(int) * (n + 1));
	cache.implies = palloc0(sizeof(char *) * 1);
	{
		int			total = 0;

		for (i = 0; i < n; i++)
		{
			bool		isnull;
			Datum		d;
			ArrayType  *arr;
			Datum	   *elems;
			bool	   *enulls;
			int			ne,
						k;

			cache.ids[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
			d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull);
			arr = DatumGetArrayTypeP(d);
			deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &enulls, &ne);
			cache.implies = repalloc(cache.implies, sizeof(char *) * (total + ne + 1));
			cache.implies_first[i] = total;
			for (k = 0; k < ne; k++)
				if (!enulls[k])
					cache.implies[total++] = TextDatumGetCString(elems[k]);
			cache.implies_count[i] = total - cache.implies_first[i];
		}
	}
	cache.nactors = n;
	cache.matcher = gt_custom_create(&alloc);
	MemoryContextSwitchTo(old);

	run_query(psprintf("SELECT actor, alias FROM %s.geo_custom_aliases ORDER BY actor, alias",
					   schema));
	for (i = 0; i < SPI_processed; i++)
	{
		char	   *actor = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		char	   *alias = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
		const char *utf8;
		uint32		a;

		/* actors are sorted: binary search */
		{
			int			lo = 0,
						hi = (int) n - 1;

			a = UINT32_MAX;
			while (lo <= hi)
			{
				int			mid = (lo + hi) / 2;
				int			c = strcmp(cache.ids[mid], actor);

				if (c == 0)
				{
					a = (uint32) mid;
					break;
				}
				if (c < 0)
					lo = mid + 1;
				else
					hi = mid - 1;
			}
		}
		if (a == UINT32_MAX)
			continue;			/* the foreign key makes this impossible */
		utf8 = GetDatabaseEncoding() == PG_UTF8 || GetDatabaseEncoding() == PG_SQL_ASCII ?
			alias : pg_server_to_any(alias, strlen(alias), PG_UTF8);
		if (gt_custom_add(cache.matcher, utf8, strlen(utf8), a) < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("custom alias \"%s\" of actor \"%s\" is not a single phrase", alias, actor),
					 errdetail("An alias may not contain punctuation that separates words, such as a comma or a period."),
					 errhint("Fix the row of geo_custom_aliases, or split it into several aliases.")));
	}
	cache.cxt = cxt;
	cache.version = version;
}

/* Makes sure the matcher reflects the tables, checking once per statement. */
static void
refresh(void)
{
	TimestampTz stmt = GetCurrentStatementStartTimestamp();
	LocalTransactionId xact = MyProc->lxid;
	const char *schema;
	int64		version;
	bool		isnull;

	if (cache.version >= 0 && cache.checked_stmt == stmt && cache.checked_xact == xact)
		return;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "geotext: SPI_connect failed");
	schema = extension_schema();
	run_query(psprintf("SELECT version FROM %s.geo_custom_state", schema));
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("geo_custom_state must have exactly one row"),
				 errhint("Reinstall the extension, or restore the row: INSERT INTO geo_custom_state VALUES (0).")));
	version = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (version != cache.version)
		rebuild(schema, version);
	SPI_finish();
	cache.checked_stmt = stmt;
	cache.checked_xact = xact;
}

/* For qsort: text ids in byte order. */
static int
cmp_ids(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* geo_entities_custom(text) → text[]: built-in and custom actors, sorted. */
Datum
geo_entities_custom(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const gt_lexicon *lex = gt_pg_lexicon();
	const char *data;
	size_t		len;
	uint8	   *present,
			   *custom_present;
	char	  **ids;
	Datum	   *elems;
	uint32		i,
				n = 0,
				cap;
	int			k,
				out = 0;

	gt_pg_ensure_core();
	refresh();
	gt_pg_text_as_utf8(t, &data, &len);
	present = palloc0(lex->n_entities);
	custom_present = palloc0(cache.nactors + 1);
	gt_doc_entities_custom(gt_pg_backend_doc(), cache.matcher, data, len, present,
						   custom_present);
	cap = lex->n_entities + cache.nactors * 2 + 1;
	ids = palloc(sizeof(char *) * cap);
	for (i = 0; i < lex->n_entities; i++)
		if (present[i])
			ids[n++] = (char *) gt_lex_entity_id(lex, i);
	for (i = 0; i < cache.nactors; i++)
		if (custom_present[i])
		{
			ids[n++] = cache.ids[i];
			for (k = 0; k < cache.implies_count[i] && n < cap; k++)
				ids[n++] = cache.implies[cache.implies_first[i] + k];
		}
	qsort(ids, n, sizeof(char *), cmp_ids);
	elems = palloc(sizeof(Datum) * (n + 1));
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(ids[i], ids[i - 1]) != 0)
			elems[out++] = CStringGetTextDatum(ids[i]);
	if (out == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(TEXTOID));
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, out, TEXTOID, -1, false, TYPALIGN_INT));
}
