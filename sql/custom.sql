-- Users' own actors: a STABLE overlay; geo_entities itself is unaffected.
INSERT INTO geo_custom_actors (id, kind, name, implies) VALUES
  ('wagner', 'group', 'Wagner Group', '{RUS}'),
  ('acme', 'company', 'ACME Corp', NULL);
INSERT INTO geo_custom_aliases VALUES
  ('wagner', 'groupe Wagner'), ('wagner', 'Wagner Group'), ('acme', 'ACME');
SELECT geo_entities_custom('Le groupe Wagner opère au Mali.'), geo_entities('Le groupe Wagner opère au Mali.');
SELECT geo_entities_custom('ACME signed with Acme and acme'), geo_entities_custom('the acme of diplomacy');
-- changes are seen at once
DELETE FROM geo_custom_aliases WHERE alias = 'groupe Wagner';
SELECT geo_entities_custom('Le groupe Wagner opère au Mali.');
-- a bad alias is refused when it is written, each for its reason
INSERT INTO geo_custom_aliases VALUES ('acme', 'Acme, Inc.');
INSERT INTO geo_custom_aliases VALUES ('acme', 'Hayat Tahrir al-Sham (HTS)');
INSERT INTO geo_custom_aliases VALUES ('acme', 'ACME. Corp');
INSERT INTO geo_custom_aliases VALUES ('acme', '');
UPDATE geo_custom_aliases SET alias = ' « » ' WHERE alias = 'ACME';
SELECT geo_entities_custom('ACME');
SELECT geo_custom_alias_check('Gen. Utkin'), geo_custom_alias_check(NULL) IS NULL AS strict;
-- a bad row that got in anyway (here without the constraint) fails the
-- next call, naming the row
ALTER TABLE geo_custom_aliases DROP CONSTRAINT geo_custom_aliases_alias_check;
INSERT INTO geo_custom_aliases VALUES ('acme', 'Acme, Inc.');
SELECT geo_entities_custom('anything');
DELETE FROM geo_custom_aliases WHERE alias = 'Acme, Inc.';
ALTER TABLE geo_custom_aliases ADD CONSTRAINT geo_custom_aliases_alias_check
	CHECK (geo_custom_alias_check(alias));
-- an abbreviation's period stays inside the phrase, as in texts
INSERT INTO geo_custom_aliases VALUES ('wagner', 'Gen. Utkin');
SELECT geo_entities_custom('Les hommes du Gen. Utkin sont partis.');
-- a change rolled back is forgotten, even when a later commit reuses its
-- version number
BEGIN;
INSERT INTO geo_custom_aliases VALUES ('wagner', 'Roadrunner');
SELECT geo_entities_custom('Roadrunner and Coyote');
ROLLBACK;
INSERT INTO geo_custom_aliases VALUES ('acme', 'Coyote');
SELECT geo_entities_custom('Roadrunner and Coyote');
-- a function sees the changes it makes itself
DO $$
DECLARE
	before text[];
	after text[];
BEGIN
	before := geo_entities_custom('Tweety');
	INSERT INTO geo_custom_aliases VALUES ('acme', 'Tweety');
	after := geo_entities_custom('Tweety');
	RAISE NOTICE 'before %, after %', before, after;
END$$;
SELECT provolatile FROM pg_proc WHERE proname = 'geo_entities_custom';
DELETE FROM geo_custom_actors;
-- in a database whose collation is not C (here ICU's English), the aliases
-- still find their actors (ids sort differently there)
SELECT current_database() AS regress_db \gset
CREATE DATABASE geotext_icu TEMPLATE template0 ENCODING 'UTF8'
	LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C';
\c geotext_icu
CREATE EXTENSION geotext;
INSERT INTO geo_custom_actors (id) VALUES ('Wagner'), ('al-shabaab'), ('Zeta'), ('beta');
INSERT INTO geo_custom_aliases VALUES ('Wagner', 'Wagner Group'), ('al-shabaab', 'al-Shabaab'),
  ('Zeta', 'Zeta Cartel'), ('beta', 'Beta Bank');
SELECT array_agg(id ORDER BY id) AS database_order FROM geo_custom_actors;
SELECT geo_entities_custom('The Wagner Group, al-Shabaab, the Zeta Cartel and Beta Bank.');
\c :regress_db
DROP DATABASE geotext_icu;
