-- Persons: full names in several languages and scripts, titles, surnames,
-- and the state they serve.
SELECT body, geo_entities(body) FROM (VALUES
  ('Xi Jinping a reçu Sergueï Lavrov.'), ('Vladimir Poutine'), ('Vladimir Putin'), ('Путин'),
  ('习近平'), ('President Xi said'), ('le président Macron'), ('M. Lavrov'), ('Emmanuel Macron'),
  ('António Guterres'), ('Ursula von der Leyen'), ('Recep Tayyip Erdoğan'), ('Narendra Modi'),
  -- a surname counts alone when unambiguous, or after the full name
  ('Poutine a parlé.'), ('Lavrov a parlé.'),
  ('Sergueï Lavrov est arrivé. Lavrov a parlé.'),
  ('Xi a parlé.'), ('Xi Jinping est arrivé. Xi a parlé.'),
  -- traps
  ('Louis XI et Benoît XVI'), ('in May, the rain'), ('a bush in the garden'),
  ('Antony Blinken met Wang Yi'), ('Secretary of State Antony Blinken'),
  ('Lula Mendes a marqué deux buts.'), ('George W. Bush spoke. Later Bush left.'),
  ('Theresa May spoke in May.'), ('Mr Bush')
) AS t(body);

-- a person mention gives the person and the state it serves; geo_mentions says which is implied
SELECT entity, kind, surface, via FROM geo_mentions('Poutine et M. Lavrov');

-- ids keep the punctuation of their Wikipedia titles; a comma needs quotes in an array literal
SELECT geo_entities('Le prince Albert II de Monaco a reçu Ben Wallace.') AS ids;
SELECT geo_entities('Prince Albert II of Monaco met Ben Wallace.') @> '{"albert_ii,_prince_of_monaco","ben_wallace_(politician)"}' AS found;
