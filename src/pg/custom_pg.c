/*
 * custom_pg.c — geo_entities_custom(text): the built-in actors plus the
 * users' own, from the tables geo_custom_actors and geo_custom_aliases.
 *
 * The function is STABLE, not IMMUTABLE: its result depends on those tables.
 * Their rows are compiled into a matcher (core/custom.c) once per backend
 * and rebuilt when they change.  Changes are seen through the row of
 * geo_custom_state, which statement-level triggers on both tables update:
 * its version and the transaction that last wrote it (xmin), so that a
 * rolled-back change, whose version number a later commit reuses, is not
 * taken for that commit.  The row is read once per statement and command
 * (a function that edits the tables and then calls this sees its edits),
 * with a fixed query (no text from the caller reaches SPI).
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
PG_FUNCTION_INFO_V1(geo_custom_alias_check);

/* The backend's compiled custom actors. */
typedef struct custom_cache
{
	MemoryContext cxt;			/* everything below lives here */
	int64		version;		/* of geo_custom_state when built, */
	TransactionId xmin;			/* … and the transaction that wrote it */
	gt_custom  *matcher;
	uint32		nactors;
	char	  **ids;			/* actor number → id */
	int		   *implies_first;	/* actor number → range in implies */
	int		   *implies_count;
	char	  **implies;		/* ids: built-in or custom */
	uint32		nimplies;
	TimestampTz checked_stmt;	/* statement whose version was read */
	LocalTransactionId checked_xact;
	CommandId	checked_cid;
} custom_cache;

static custom_cache cache = {NULL, -1};


/* Runs a fixed read-only query; errors if it fails. */
static void
run_query(const char *sql)
{
	int			rc = SPI_execute(sql, true, 0);

	if (rc != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("geotext could not read its custom actors: %s",
						SPI_result_code_string(rc)),
				 errhint("Check that the tables geo_custom_actors, geo_custom_aliases and geo_custom_state exist and are readable.")));
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
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("extension \"geotext\" is not installed in this database"),
				 errhint("Run CREATE EXTENSION geotext.")));
	name = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	return quote_identifier(name);
}

/* A number macro as a string literal, for messages that quote a limit. */
#define LIMIT_TEXT(x) LIMIT_TEXT_(x)
#define LIMIT_TEXT_(x) #x

/* Why an alias was refused (hint = 0) and what to do (hint = 1). */
static const char *
alias_problem(gt_custom_error e, int hint)
{
	switch (e)
	{
		case GT_CUSTOM_NO_WORD:
			return hint ? "Delete the row." :
				"It has no letter or digit.";
		case GT_CUSTOM_TOO_MANY_WORDS:
			return hint ? "Use a shorter form of the name." :
				"It has more than " LIMIT_TEXT(GT_CUSTOM_MAX_WORDS) " words.";
		case GT_CUSTOM_SENTENCES:
			return hint ? "Drop the period, or write the parts as aliases of their own." :
				"A sentence ends inside it: a period, question mark or exclamation mark before a capitalised word.";
		case GT_CUSTOM_PUNCTUATION:
			return hint ? "Write each form as an alias of its own: \"Hayat Tahrir al-Sham\" and \"HTS\", not \"Hayat Tahrir al-Sham (HTS)\"." :
				"Punctuation separates two of its words (a comma, a bracket, an ampersand …), so no text can contain it as one phrase.";
		case GT_CUSTOM_LONG_WORD:
			return hint ? "Use a shorter form of the name." :
				"One of its words is longer than " LIMIT_TEXT(GT_TOKEN_MAX) " bytes once folded: words of texts are not compared that far.";
		default:
			return hint ? "Fix the row of geo_custom_aliases." : "It is not a single phrase.";
	}
}

/* Raises the error for alias (of actor, if known), refused by
 * gt_custom_add for reason e. */
static void
refuse_alias(const char *alias, const char *actor, gt_custom_error e)
{
	if (actor)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("custom alias \"%s\" of actor \"%s\" is not a single phrase", alias, actor),
				 errdetail("%s", alias_problem(e, 0)),
				 errhint("Fix the row of geo_custom_aliases. %s", alias_problem(e, 1))));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("custom alias \"%s\" is not a single phrase", alias),
			 errdetail("%s", alias_problem(e, 0)),
			 errhint("%s", alias_problem(e, 1))));
}

/*
 * Rebuilds the matcher from the tables (inside an SPI connection).  The
 * new matcher is built in a context under the current one and moved under
 * TopMemoryContext only once complete: an error on the way (a bad alias,
 * a cancel) frees it with the statement.
 */
static void
rebuild(const char *schema, int64 version, TransactionId xmin)
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
	cxt = AllocSetContextCreate(CurrentMemoryContext, "geotext custom actors",
								ALLOCSET_DEFAULT_SIZES);
	alloc.alloc = gt_pg_alloc;
	alloc.release = gt_pg_release;
	alloc.arg = cxt;

	/* byte order (COLLATE "C"): the aliases below find their actor by
	 * strcmp, whatever the database's collation */
	run_query(psprintf("SELECT id, coalesce(implies, '{}') FROM %s.geo_custom_actors "
					   "ORDER BY id COLLATE \"C\"", schema));
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
		cache.nimplies = (uint32) total;
	}
	cache.nactors = n;
	cache.matcher = gt_custom_create(gt_pg_lexicon(), &alloc);
	MemoryContextSwitchTo(old);

	run_query(psprintf("SELECT actor, alias FROM %s.geo_custom_aliases "
					   "ORDER BY actor COLLATE \"C\", alias COLLATE \"C\"", schema));
	for (i = 0; i < SPI_processed; i++)
	{
		char	   *actor = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		char	   *alias = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
		const char *utf8;
		uint32		a;
		gt_custom_error e;

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
			ereport(ERROR,		/* the foreign key should make it impossible */
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("custom alias \"%s\" names actor \"%s\", which geo_custom_actors does not have",
							alias, actor)));
		utf8 = GetDatabaseEncoding() == PG_UTF8 || GetDatabaseEncoding() == PG_SQL_ASCII ?
			alias : pg_server_to_any(alias, strlen(alias), PG_UTF8);
		e = gt_custom_add(cache.matcher, utf8, strlen(utf8), a);
		gt_pg_check_analysis();
		if (e != GT_CUSTOM_OK)
			refuse_alias(alias, actor, e);
	}
	MemoryContextSetParent(cxt, TopMemoryContext);
	cache.cxt = cxt;
	cache.version = version;
	cache.xmin = xmin;
}

/* Makes sure the matcher reflects the tables, checking once per statement
 * and command. */
static void
refresh(void)
{
	TimestampTz stmt = GetCurrentStatementStartTimestamp();
	LocalTransactionId xact = MyProc->lxid;
	CommandId	cid = GetCurrentCommandId(false);
	const char *schema;
	int64		version;
	TransactionId xmin;
	bool		isnull;

	if (cache.version >= 0 && cache.checked_stmt == stmt && cache.checked_xact == xact &&
		cache.checked_cid == cid)
		return;
	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("geotext could not connect to SPI to read its custom actors")));
	schema = extension_schema();
	run_query(psprintf("SELECT version, xmin FROM %s.geo_custom_state", schema));
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("geo_custom_state must have exactly one row"),
				 errhint("Reinstall the extension, or restore the row: INSERT INTO geo_custom_state VALUES (0).")));
	version = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	xmin = DatumGetTransactionId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	if (version != cache.version || xmin != cache.xmin)
		rebuild(schema, version, xmin);
	SPI_finish();
	cache.checked_stmt = stmt;
	cache.checked_xact = xact;
	cache.checked_cid = cid;
}

/*
 * geo_custom_alias_check(alias text) → true, or the error that says why the
 * alias cannot be one (the CHECK constraint of geo_custom_aliases.alias):
 * a bad row is refused when it is written, not at the next call of
 * geo_entities_custom in every session.
 */
Datum
geo_custom_alias_check(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *data;
	size_t		len;
	gt_custom_error e;

	gt_pg_ensure_core();
	gt_pg_text_as_utf8(t, &data, &len);
	e = gt_custom_check(gt_pg_lexicon(), data, len);
	gt_pg_check_analysis();
	if (e != GT_CUSTOM_OK)
		refuse_alias(text_to_cstring(t), NULL, e);
	PG_RETURN_BOOL(true);
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
	gt_pg_check_analysis();
	cap = lex->n_entities + cache.nactors + cache.nimplies + 1;
	ids = palloc(sizeof(char *) * cap);
	for (i = 0; i < lex->n_entities; i++)
		if (present[i])
			ids[n++] = (char *) gt_lex_entity_id(lex, i);
	for (i = 0; i < cache.nactors; i++)
		if (custom_present[i])
		{
			ids[n++] = cache.ids[i];
			for (k = 0; k < cache.implies_count[i]; k++)
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
