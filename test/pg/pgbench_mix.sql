-- test/pg/pgbench_mix.sql — a pgbench script mixing the three geotext calls
-- on the sample articles, for the concurrency check of test/pg/checks.sh.
--
-- It expects a table articles(n integer PRIMARY KEY, body text) numbered
-- 1..N (checks.sh builds it from test/samples/*.txt) and geotext installed.
-- Each transaction picks one article and one of geo_entities, geo_mentions
-- (all rows sent to the client) and geotext_version.
--
-- checks.sh runs it for 30 s:
--   pgbench -n -c 8 -j 2 -T 30 -f test/pg/pgbench_mix.sql DB
-- The issue asks for two minutes:
--   pgbench -n -c 8 -j 2 -T 120 -f test/pg/pgbench_mix.sql DB
-- (GT_PGBENCH_SECONDS=120 bash test/pg/checks.sh runs that one.)
\set r random(1, 1000000)
\set f random(1, 6)
\if :f = 1
SELECT geo_entities(body) FROM articles
WHERE n = (SELECT 1 + :r % count(*) FROM articles);
\elif :f = 2
SELECT m.* FROM articles, geo_mentions(body || ' ' || :r) AS m
WHERE n = (SELECT 1 + :r % count(*) FROM articles);
\elif :f = 3
SELECT geo_entities(body, date '2015-01-01' + :r % 3650) FROM articles
WHERE n = (SELECT 1 + :r % count(*) FROM articles);
\elif :f = 4
SELECT geo_entities_custom(body || ' ' || :r) FROM articles
WHERE n = (SELECT 1 + :r % count(*) FROM articles);
\elif :f = 5
SELECT count(*) FROM geo_actors() WHERE kind = 'person';
\else
SELECT geotext_version();
\endif
