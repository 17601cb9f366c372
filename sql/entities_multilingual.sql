-- CLDR names in many languages and scripts (generated at build time from ICU).
SELECT body, geo_entities(body) FROM (VALUES
  ('中华人民共和国'), ('中國與俄羅斯'), ('美国总统访问日本'), ('Україна'), ('الصين'), ('ایران'),
  ('Ελλάδα'), ('ישראל'), ('대한민국'), ('भारत'),
  ('Deutschland und Frankreich'), ('España y Marruecos'), ('Türkiye ve Yunanistan'),
  ('Polska i Niemcy'), ('Nederland en België'), ('Itália e Brasil'), ('Stati Uniti')
) AS t(body);

-- inflected and attached forms, generated from rules/inflections.tsv
SELECT body, geo_entities(body) FROM (VALUES
  ('переговоры России и Китая'), ('встреча с Путиным в Индии'), ('визит в Турцию'),
  ('того же дня'), ('والعراق ومصر'), ('للصين'), ('رفضت عمان')
) AS t(body);
