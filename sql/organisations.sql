-- Organisations and blocs: names and acronyms in English, French and Spanish.
SELECT body, geo_entities(body) FROM (VALUES
  ('L''Organisation de coopération de Shanghai (OCS) se réunit.'),
  ('The Shanghai Cooperation Organisation met; the SCO summit follows.'),
  ('L''ONU et les Nations unies'), ('the UN Security Council'), ('le Conseil de sécurité de l''ONU'),
  ('l''OTAN et l''Alliance atlantique'), ('NATO allies'), ('la OTAN'),
  ('l''UE, l''Union européenne et la Commission européenne'), ('the European Parliament voted'),
  ('le FMI et la Banque mondiale'), ('l''AIEA'), ('l''OMC'), ('la CEDEAO'), ('l''OPEP et l''OPEP+'),
  ('la CPI'), ('the WHO said'), ('l''OMS'), ('la Unión Europea y el FMI'),
  ('Bruxelles a proposé des sanctions'), ('the Brussels prosecutor'),
  ('le Sud global'), ('les pays du Sud'), ('the Global South'),
  ('l''Occident'), ('les Occidentaux'), ('les puissances occidentales'), ('the West'), ('Western allies'),
  ('the West Bank'), ('west of the river'),
  -- the lower-case house style: the bloc, not the direction
  ('powerful allies in the west, mostly in Washington'), ('ties between China and the west'),
  ('Russia accused the West of hypocrisy'), ('rebels hold the west of the country'),
  ('storms hit the west coast'), ('a town to the west of Kyiv'), ('heading west'),
  -- acronyms that are also words: only in capitals
  ('who said so'), ('un accord'), ('au moins'), ('UN'), ('AU summit')
) AS t(body);
