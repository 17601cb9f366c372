-- geo_mentions: surface, 1-based character offsets, sentence numbers.
SELECT * FROM geo_mentions('Moscou et Pékin. L’Inde et le Pakistan, puis les États-Unis.');
-- substr(body, start_pos, end_pos - start_pos) is exactly the surface, in any script
WITH t(body) AS (VALUES
  ('Ça va : 中国 et l’Inde, la Maison-Blanche et Россия.'),
  ('e' || chr(769) || 'tats-unis et l''Égypte'),
  ('🇫🇷 France, 🙂 Chine')
)
SELECT m.entity, m.surface, substr(body, m.start_pos, m.end_pos - m.start_pos) = m.surface AS exact
FROM t, geo_mentions(body) m;
-- sentence numbers follow the text
SELECT entity, sentence FROM geo_mentions('Le Japon. La Corée du Sud! Et l''Inde? Oui, M. Lavrov parle de la Chine.');
-- LIMIT cuts a set-returning call short without harm
SELECT entity FROM geo_mentions('Chine Russie Inde Iran') LIMIT 2;
