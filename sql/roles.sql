-- Role phrases: without a date they name the state; with one, the office holder too.
SELECT geo_entities('le président russe'), geo_entities('the Chinese foreign minister');
SELECT geo_entities('le président russe', '2010-06-01') AS medvedev_era,
       geo_entities('le président russe', '2015-06-01') AS putin_era;
SELECT geo_entities('The US president met the French president.', '2019-06-01');
SELECT geo_entities('The US president met the French president.', '2024-06-01');
SELECT geo_entities('le ministre chinois des Affaires étrangères', '2019-06-01');
SELECT geo_entities('Secretary of State', '2018-06-01'), geo_entities('Secretary of State');
-- persons named by name are found whatever the date
SELECT geo_entities('Barack Obama', '2024-01-01');
-- bad dates are refused clearly
SELECT geo_entities('le président russe', 'infinity');
SELECT geo_entities('le président russe', NULL) IS NULL AS strict;
