-- Countries by name, capital, demonym, compound and acronym, any case.
SELECT body, geo_entities(body) FROM (VALUES
  ('ÉTATS-UNIS'), ('Etats-Unis'), ('les états-unis'), ('the United States of America'),
  ('l''Inde et l’Iran'), ('d''Ukraine et d’Afghanistan'),
  ('le partenariat sino-russe'), ('le conflit russo-ukrainien'), ('le couple franco-allemand'),
  ('Sino-Russian ties'), ('US-China trade'), ('Franco est mort en 1975'),
  ('The U.S. and the U.K. agreed'), ('the US and the UK'), ('let us talk'),
  ('la diplomatie chinoise'), ('des entreprises chinoises'), ('Chinese officials'), ('Britons voted'),
  ('Pékin et Moscou'), ('Beijing and Moscow'), ('le Kremlin a démenti'), ('la Maison-Blanche'),
  ('the White House'), ('l''Élysée'), ('Downing Street'), ('Zhongnanhai'),
  ('America first'), ('Britain'), ('la Grande-Bretagne'), ('Burma'), ('Ivory Coast'), ('Holland'),
  ('Kosovo'), ('St. Lucia')
) AS t(body);

-- sorted and distinct, whatever the order and repetition in the text
SELECT geo_entities('Russie, Chine, Russie, Inde, Chine, Brésil, Afrique du Sud');

-- English short names: the first twenty ISO 3166-1 entries, each found once
SELECT count(DISTINCT e) FROM (
  SELECT unnest(geo_entities(string_agg(n, '. '))) AS e FROM (VALUES
  ('Andorra'),('United Arab Emirates'),('Afghanistan'),('Antigua and Barbuda'),('Anguilla'),('Albania'),('Armenia'),('Angola'),('Antarctica'),('Argentina'),
  ('American Samoa'),('Austria'),('Australia'),('Aruba'),('Åland Islands'),('Azerbaijan'),('Bosnia and Herzegovina'),('Barbados'),('Bangladesh'),('Belgium')) v(n)) s;
