-- geotext 0.1.0 -> 0.2.0
\echo Use "ALTER EXTENSION geotext UPDATE TO '0.2.0'" to load this file. \quit

ALTER TYPE geo_mention ADD ATTRIBUTE via text;
COMMENT ON TYPE geo_mention IS 'One mention of an actor in a text, with its character offsets and how it names the actor';

-- 0.2.0: organisations, blocs and persons; how a mention names its actor;
-- roles on a date; the actor catalogue; users' own actors.

CREATE FUNCTION geo_entities(text, as_of date) RETURNS text[]
	AS 'MODULE_PATHNAME', 'geo_entities_at'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 200;
COMMENT ON FUNCTION geo_entities(text, date) IS
	'The actors a text mentions; a role named next to a state (the Russian president) also gives the office holder on as_of';

CREATE FUNCTION geo_actors(
	OUT id text, OUT kind text, OUT name_en text, OUT name_fr text, OUT country text,
	OUT role text, OUT valid_from date, OUT valid_to date, OUT wikidata text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'geo_actors'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 100 ROWS 2000;
COMMENT ON FUNCTION geo_actors() IS
	'The built-in actors: countries, organisations, blocs and persons (with the state they serve and their latest office)';

-- Users' own actors.  geo_entities stays IMMUTABLE and ignores these tables;
-- geo_entities_custom reads them, hence is STABLE (materialise its result
-- into a column to index it).
CREATE TABLE geo_custom_actors (
	id      text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.:-]+$'),
	kind    text NOT NULL DEFAULT 'other'
	        CHECK (kind IN ('country', 'organisation', 'bloc', 'person', 'group', 'company', 'place', 'other')),
	name    text,
	implies text[],         -- ids (built-in or custom) a mention of this actor also gives
	note    text
);
COMMENT ON TABLE geo_custom_actors IS 'Actors of your own for geo_entities_custom (a militia, a company, a local official)';

-- An alias must read as one phrase, as texts are read; a row that cannot
-- is refused when written, with the reason (not later, in every session).
CREATE FUNCTION geo_custom_alias_check(alias text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'geo_custom_alias_check'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 100;
COMMENT ON FUNCTION geo_custom_alias_check(text) IS
	'True if the text can be an alias of geo_custom_aliases (one phrase); otherwise an error that says why';

CREATE TABLE geo_custom_aliases (
	actor text NOT NULL REFERENCES geo_custom_actors (id) ON DELETE CASCADE ON UPDATE CASCADE,
	alias text NOT NULL CHECK (@extschema@.geo_custom_alias_check(alias)),
	PRIMARY KEY (actor, alias)
);
COMMENT ON TABLE geo_custom_aliases IS
	'Names of your actors: matched like built-in names (case and accents folded; an alias written in capitals must appear in capitals)';

CREATE TABLE geo_custom_state (
	version bigint NOT NULL
);
INSERT INTO geo_custom_state VALUES (0);
COMMENT ON TABLE geo_custom_state IS 'Version of the custom actors, increased by every change: backends rebuild their matcher when it moves';

-- SECURITY DEFINER with a fixed search_path: whoever may edit the actors may
-- bump the version, and nothing depends on the caller's search_path.
CREATE FUNCTION geo_custom_touch() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$BEGIN
	UPDATE @extschema@.geo_custom_state SET version = version + 1;
	RETURN NULL;
END$$;
COMMENT ON FUNCTION geo_custom_touch() IS 'Trigger: marks the custom actors as changed';

CREATE TRIGGER geo_custom_actors_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON geo_custom_actors
	FOR EACH STATEMENT EXECUTE FUNCTION geo_custom_touch();
CREATE TRIGGER geo_custom_aliases_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON geo_custom_aliases
	FOR EACH STATEMENT EXECUTE FUNCTION geo_custom_touch();

-- the user who installed geotext manages the actors; everyone may read them
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON geo_custom_actors, geo_custom_aliases TO @extowner@;
GRANT SELECT ON geo_custom_actors, geo_custom_aliases, geo_custom_state TO PUBLIC;

-- pg_dump keeps the users' rows
SELECT pg_catalog.pg_extension_config_dump('geo_custom_actors', '');
SELECT pg_catalog.pg_extension_config_dump('geo_custom_aliases', '');

CREATE FUNCTION geo_entities_custom(text) RETURNS text[]
	AS 'MODULE_PATHNAME', 'geo_entities_custom'
	LANGUAGE C STABLE STRICT PARALLEL SAFE COST 400;
COMMENT ON FUNCTION geo_entities_custom(text) IS
	'STABLE: the built-in actors plus those of geo_custom_actors/geo_custom_aliases; materialise it to index it';
