-- Bad and extreme input: never a crash, never a silent wrong answer.
SELECT geo_entities(NULL) IS NULL AS null_in_null_out;
SELECT geo_entities('') = '{}' AS empty_is_empty_array;
SELECT geo_entities(E' \t\n ') AS whitespace;
SELECT geo_entities(repeat('a', 1000000) || ' Chine') AS one_megabyte_token;
SELECT geo_entities(repeat('x', 100) || chr(769) || chr(769) || ' Iran') AS combining_marks;
SELECT geo_entities('‏الصين‏ و ‏ایران‏') AS right_to_left;
SELECT geo_entities('👨‍👩‍👧 Chine ' || chr(65533) || 'Iran' || chr(65533)) AS emoji_zwj_replacement;
SELECT geo_entities(chr(66) || chr(65601) || chr(131137) || chr(1114111) || ' Inde') AS other_planes;
-- one character of each of the 17 planes, between names
SELECT geo_entities(string_agg(chr(p * 65536 + 65) || ' Iran ', '')) AS all_17_planes,
       count(*) AS planes
FROM generate_series(0, 16) p;
SELECT geo_entities('Chine中国' || 'Iran') AS mixed_scripts;
-- 50 MB: bounded memory, every sentence read
CREATE TEMP TABLE big AS
  SELECT repeat('Le Japon et la Corée du Sud. ', 1800000) || 'Enfin, le Pérou.' AS body;
SELECT octet_length(body) > 50000000 AS over_50_mb, geo_entities(body) FROM big;
SELECT count(*), count(DISTINCT sentence) FROM big, geo_mentions(body);
-- and cancellable: statement_timeout stops it
SET statement_timeout = '100ms';
SELECT geo_entities(body) FROM big;
RESET statement_timeout;
-- the cancelled call had marked actors (Japan, South Korea): none leaks into the next
SELECT geo_entities('Le Zimbabwe.') AS after_a_cancelled_call;
DROP TABLE big;
