-- The SQL API: objects, volatility, parallel safety, comments, version.
SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args,
       p.provolatile, p.proisstrict, p.proparallel, p.procost, p.prorows,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS has_comment
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'geotext'
ORDER BY 1, 2;

SELECT attname, format_type(atttypid, atttypmod)
FROM pg_attribute WHERE attrelid = 'geo_mention'::regclass AND attnum > 0 ORDER BY attnum;
SELECT obj_description('geo_mention'::regtype, 'pg_type') IS NOT NULL AS type_has_comment;

-- the version names every component
SELECT geotext_version() ~ '^geotext \d+\.\d+\.\d+, lexicon .*actors.*, ICU \d+[.\d]*, PCRE2 \d+\.\d+' AS version_ok;

-- STRICT: NULL in, NULL out
SELECT geo_entities(NULL) IS NULL AS null_entities;
SELECT count(*) FROM geo_mentions(NULL);

-- the array is laid out by hand (geotext_pg.c): it must be what PostgreSQL
-- builds itself, byte for byte, whatever the ids' lengths
SELECT t, a = b AS same_elements, array_dims(a) IS NOT DISTINCT FROM array_dims(b) AS same_dims,
       pg_column_size(a) = pg_column_size(b) AS same_size,
       textsend(a::text) = textsend(b::text) AS same_text
FROM (VALUES ('Chine, Russie, OTAN, Sud global et Xi Jinping'), ('Pékin'), ('rien')) AS v(t),
     LATERAL (SELECT geo_entities(t) AS a,
                     ARRAY(SELECT unnest(geo_entities(t))) AS b) AS x;
