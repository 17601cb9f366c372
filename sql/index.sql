-- geo_entities is IMMUTABLE: expression indexes and generated columns work.
CREATE TABLE articles (id serial PRIMARY KEY, body text NOT NULL);
INSERT INTO articles (body)
SELECT CASE i % 4
         WHEN 0 THEN 'Pékin et Moscou renforcent leur partenariat.'
         WHEN 1 THEN 'Washington and Berlin discussed trade.'
         WHEN 2 THEN 'L''Inde et le Pakistan ont dialogué.'
         ELSE 'Nothing to see here.' END
FROM generate_series(1, 2000) i;
CREATE INDEX articles_entities ON articles USING gin (geo_entities(body));
ANALYZE articles;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM articles WHERE geo_entities(body) @> '{CHN,RUS}';
SELECT count(*) FROM articles WHERE geo_entities(body) @> '{CHN,RUS}';
SELECT count(*) FROM articles WHERE geo_entities(body) && '{IND,DEU}';
RESET enable_seqscan;

-- a stored generated column, indexed the same way
ALTER TABLE articles ADD COLUMN entities text[] GENERATED ALWAYS AS (geo_entities(body)) STORED;
CREATE INDEX articles_entities_col ON articles USING gin (entities);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM articles WHERE entities @> '{USA}';
RESET enable_seqscan;
SELECT entities, count(*) FROM articles GROUP BY 1 ORDER BY 1;
DROP TABLE articles;
