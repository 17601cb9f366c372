SET datestyle = ISO;
-- The catalogue of built-in actors.
SELECT kind, count(*) > 0 AS present FROM geo_actors() GROUP BY kind ORDER BY kind;
SELECT count(*) FILTER (WHERE kind = 'country') AS countries,
       count(*) FILTER (WHERE kind = 'organisation') >= 60 AS at_least_60_orgs,
       count(*) FILTER (WHERE kind = 'bloc') AS blocs
FROM geo_actors();
SELECT * FROM geo_actors() WHERE id IN ('CHN', 'SCO', 'EU', 'GLOBAL_SOUTH', 'WEST', 'xi_jinping', 'sergey_lavrov', 'antonio_guterres') ORDER BY id;
-- every organisation the issue fixes is there
SELECT array_agg(x ORDER BY x) AS missing FROM unnest('{UN,UNSC,UNHRC,UNESCO,UNICEF,UNHCR,WHO,FAO,ILO,IAEA,WTO,IMF,WORLD_BANK,OECD,EU,ECB,COUNCIL_OF_EUROPE,ECHR,NATO,OSCE,SCO,BRICS,G7,G8,G20,ASEAN,AU,ECOWAS,ARAB_LEAGUE,GCC,OIC,OPEC,OAS,MERCOSUR,APEC,CSTO,EAEU,CIS,ICC,ICJ,INTERPOL,AUKUS,QUAD,SADC,SAARC,CELAC,IPCC}'::text[]) x
WHERE x NOT IN (SELECT id FROM geo_actors());
-- no organisation id is an ISO alpha-3 code, persons have a state and a known office
SELECT count(*) AS org_ids_that_are_countries FROM geo_actors() o JOIN geo_actors() c ON c.id = o.id AND c.kind = 'country' AND o.kind <> 'country';
SELECT count(*) FILTER (WHERE country IS NULL) AS persons_without_state,
       count(*) FILTER (WHERE role IS NULL) AS persons_without_office
FROM geo_actors() WHERE kind = 'person';
