-- Text handling: normalisation, elision, quotes, acronyms, scripts, sentences.
SELECT geo_entities('e' || chr(769) || 'tats-unis') AS nfd_input;      -- e + combining acute
SELECT geo_entities(normalize('États-Unis', NFD)) AS nfd, geo_entities(normalize('États-Unis', NFKC)) AS nfkc;
SELECT geo_entities('« unir les pays du Sud » avec la Chine') AS guillemets;
SELECT geo_entities('“Iran” and ‘Iraq’') AS curly_quotes;
SELECT geo_entities('U.S.-led talks with the U.K.') AS dotted_acronyms;
SELECT geo_entities('中国和俄罗斯加强合作') AS chinese_no_spaces;
SELECT geo_entities('日本とアメリカ') AS japanese;
SELECT geo_entities('Россия и Китай') AS russian;
SELECT geo_entities('М. Лавров') AS cyrillic_title_and_surname;
SELECT geo_entities('') AS empty, geo_entities('   ') AS blank;
SELECT geo_entities('no country here, only words') AS none;
-- a name never spans a sentence or a comma
SELECT geo_entities('Costa. Rica') AS split_by_period, geo_entities('Costa, Rica') AS split_by_comma;
