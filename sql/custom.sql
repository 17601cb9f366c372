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
-- a bad alias is refused with a clear error
INSERT INTO geo_custom_aliases VALUES ('acme', 'Acme, Inc.');
SELECT geo_entities_custom('anything');
DELETE FROM geo_custom_aliases WHERE alias = 'Acme, Inc.';
SELECT geo_entities_custom('ACME');
SELECT provolatile FROM pg_proc WHERE proname = 'geo_entities_custom';
DELETE FROM geo_custom_actors;
