-- test/bench/make_bench.sql — builds bench(id serial, body text) holding
-- about :mb MB of text from the articles in source_articles(n, body).
-- Run by test/bench/bench.sh:  psql -v mb=64 -f make_bench.sql
--
-- The source is usually much smaller than :mb MB (the 18 sample articles are
-- 36 kB), so it is repeated.  Identical rows would flatter any cache or
-- compression, so each repetition after the first is varied: its sentences
-- are rotated by the pass number and the row number is appended.  Rows stay
-- article-sized (one source article each), as real news would be.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- Each source article, numbered 1..n, with its sentences.  A sentence ends at
-- . ! or ? followed by white space, or at a CJK full stop whether or not
-- white space follows (Chinese and Japanese put none after it).  The white
-- space between sentences goes; rows rejoin them with one space.
DROP TABLE IF EXISTS bench_source;
CREATE TEMP TABLE bench_source AS
SELECT row_number() OVER (ORDER BY n) AS k,
       body,
       regexp_split_to_array(body, '(?<=[.!?])\s+|(?<=[。！？])\s*') AS sentences
FROM source_articles
WHERE body ~ '\S';

-- How many rows give :mb MB: the target size over the mean article size.
SELECT count(*) AS n_articles,
       ceil(:mb * 1e6 / avg(octet_length(body)))::int AS n_rows
FROM bench_source \gset

DROP TABLE IF EXISTS bench;
CREATE TABLE bench (id serial, body text);

-- Row i takes article k = i mod n; pass = (i - 1) / n counts repetitions.
-- Pass 0 is the article as written; a later pass starts at sentence
-- shift + 1, wraps round, and ends with the row number.
INSERT INTO bench (body)
SELECT CASE WHEN r.pass = 0 THEN s.body
            ELSE array_to_string(s.sentences[t.shift + 1:] || s.sentences[:t.shift], ' ')
                 || ' [' || r.i || ']'
       END
FROM (SELECT i,
             (i - 1) / :n_articles AS pass,
             (i - 1) % :n_articles + 1 AS k
      FROM generate_series(1, :n_rows) AS i) AS r
JOIN bench_source s USING (k)
CROSS JOIN LATERAL (SELECT r.pass % cardinality(s.sentences) AS shift) AS t
ORDER BY r.i;

VACUUM ANALYZE bench;
