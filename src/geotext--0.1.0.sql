-- geotext: who is mentioned in a text, who does what to whom, how they stand.
-- Version 0.1.0, as released: never edited (the current source is src/geotext.sql).
\echo Use "CREATE EXTENSION geotext" to load this file. \quit

CREATE TYPE geo_mention AS (
	entity    text,     -- actor id: ISO 3166-1 alpha-3 for countries
	kind      text,     -- country, organisation, bloc or person
	surface   text,     -- the text as written
	start_pos integer,  -- 1-based character offset, like substr()
	end_pos   integer,  -- exclusive: substr(body, start_pos, end_pos - start_pos) = surface
	sentence  integer   -- 1-based sentence number
);
COMMENT ON TYPE geo_mention IS 'One mention of an actor in a text, with its character offsets';

CREATE FUNCTION geo_entities(text) RETURNS text[]
	AS 'MODULE_PATHNAME', 'geo_entities'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 200;
COMMENT ON FUNCTION geo_entities(text) IS
	'The actors a text mentions (countries as ISO 3166-1 alpha-3 codes), sorted and distinct; index it with GIN';

CREATE FUNCTION geo_mentions(text) RETURNS SETOF geo_mention
	AS 'MODULE_PATHNAME', 'geo_mentions'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 300 ROWS 20;
COMMENT ON FUNCTION geo_mentions(text) IS
	'Every mention of an actor in a text, with its surface form, character offsets and sentence number';

CREATE FUNCTION geotext_version() RETURNS text
	AS 'MODULE_PATHNAME', 'geotext_version'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1;
COMMENT ON FUNCTION geotext_version() IS
	'Versions of the geotext library, its compiled lexicon, ICU and PCRE2';
