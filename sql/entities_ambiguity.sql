-- Ambiguity rules (src/lexicon/rules/): the cases the issue names, with their traps (every blocker row is checked by test/unit/test_blockers.c).
SELECT body, geo_entities(body) FROM (VALUES
  ('Georgia and Armenia signed a treaty'), ('the state of Georgia'), ('Georgia voters'), ('Georgia Tech'),
  ('Governor of Georgia Brian Kemp'), ('Georgia Governor Brian Kemp'), ('Georgia''s governor'),
  ('the government of Georgia'), ('Georgian President'), ('President of Georgia'),
  ('Jordan closed its border'), ('Michael Jordan played'), ('Jordan Bardella a déclaré'),
  ('Chad declared an emergency'), ('Chad Smith said'),
  ('Turkey hosted the talks'), ('we ate turkey'),
  ('Niger and Nigeria'), ('a Nigerien and a Nigerian'), ('the Niger Delta'),
  ('the Democratic Republic of the Congo'), ('la RDC'), ('the Republic of the Congo'), ('Congo-Brazzaville'),
  ('Dominica'), ('the Dominican Republic'),
  ('Guinea'), ('Guinea-Bissau'), ('Equatorial Guinea'), ('Papua New Guinea'), ('a guinea pig'),
  ('Washington warned Moscow'), ('Denzel Washington starred'), ('The Washington Post'), ('Paris-Washington'),
  ('New Mexico'), ('New Jersey'), ('the Indo-Pacific'), ('Latin America'), ('South Africa'), ('South Sudan'),
  ('an island'), ('une réunion du conseil'), ('La Réunion'), ('l''eau'), ('les EAU')
) AS t(body);
