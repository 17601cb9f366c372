/*
 * test_ambiguity.c — one test per rule of rules/context.tsv and
 * rules/blockers.tsv that the issue names: a rule as data, a test here.
 */
#include "unit.h"

#define ENTITIES(text, want) CHECK_STR(ut_entities(text), want, text)

void
test_ambiguity(void)
{
	/* Georgia: the country, or the US state */
	ENTITIES("Georgia and Armenia signed a treaty", "ARM,GEO");
	ENTITIES("the state of Georgia", "");
	ENTITIES("Georgia voters went to the polls", "");
	ENTITIES("Georgia Tech won", "");
	/* a blocker with a case condition: the island or the US region, not
	 * the south of the country */
	ENTITIES("in South Georgia, near Valdosta", "");
	ENTITIES("Floods hit south Georgia, near the Armenian border", "ARM,GEO");
	ENTITIES("Governor of Georgia Brian Kemp said", "");
	ENTITIES("Georgia Governor Brian Kemp said", "");
	ENTITIES("Georgia's governor said", "");
	ENTITIES("the government of Georgia", "GEO");
	ENTITIES("the Georgian President", "GEO");
	ENTITIES("the President of Georgia", "GEO");
	ENTITIES("Georgia's president", "GEO");
	/* Jordan and Chad as first names */
	ENTITIES("Jordan closed its border", "JOR");
	ENTITIES("Michael Jordan played", "");
	ENTITIES("Jordan Bardella a déclaré", "");
	ENTITIES("Chad declared a state of emergency", "TCD");
	ENTITIES("Chad Smith said", "");
	ENTITIES("le Tchad", "TCD");
	/* turkey the bird */
	ENTITIES("Turkey hosted the talks", "TUR");
	ENTITIES("we ate turkey on Thanksgiving", "");
	/* the UK's constituent nations are regions, not countries (annotation rules) */
	ENTITIES("Scotland beat Wales at Twickenham", "");
	ENTITIES("les Anglais et les Écossais", "");
	ENTITIES("Northern Ireland and the Northern Irish", "");
	ENTITIES("the British government in London", "GBR");
	/* The Hague: the seat of government, in any sense; not William Hague */
	ENTITIES("jugé au Mécanisme international à La Haye", "NLD");
	ENTITIES("the court in The Hague ruled", "NLD");
	ENTITIES("William Hague met the Dutch", "GBR,NLD,william_hague");
	/* French adjectives: bénin (benign) */
	ENTITIES("Le Bénin et le Togo ont signé", "BEN,TGO");
	ENTITIES("un incident bénin, selon la police", "");
	/* Niger and Nigeria, Nigerien and Nigerian */
	ENTITIES("Niger", "NER");
	ENTITIES("Nigeria", "NGA");
	ENTITIES("Niger and Nigeria", "NER,NGA");
	ENTITIES("a Nigerien official and a Nigerian diplomat", "NER,NGA");
	ENTITIES("the Niger Delta", "");
	/* the two Congos */
	ENTITIES("the Democratic Republic of the Congo", "COD");
	ENTITIES("la République démocratique du Congo", "COD");
	ENTITIES("la RDC", "COD");
	ENTITIES("the Republic of the Congo", "COG");
	ENTITIES("Congo-Brazzaville", "COG");
	ENTITIES("Congo-Kinshasa", "COD");
	/* Dominica and the Dominican Republic */
	ENTITIES("Dominica", "DMA");
	ENTITIES("the Dominican Republic", "DOM");
	ENTITIES("la République dominicaine", "DOM");
	/* the Guineas */
	ENTITIES("Guinea", "GIN");
	ENTITIES("Guinea-Bissau", "GNB");
	ENTITIES("Equatorial Guinea", "GNQ");
	ENTITIES("Papua New Guinea", "PNG");
	ENTITIES("la Guinée-Bissau", "GNB");
	ENTITIES("la Guinée équatoriale", "GNQ");
	ENTITIES("la Papouasie-Nouvelle-Guinée", "PNG");
	ENTITIES("a guinea pig", "");
	/* Washington the city, or a person */
	ENTITIES("Washington warned Moscow", "RUS,USA");
	ENTITIES("Denzel Washington starred", "");
	ENTITIES("George Washington crossed", "");
	ENTITIES("The Washington Post reported", "");
	/* a country name inside a longer name: the longest match wins */
	ENTITIES("New Mexico", "");
	ENTITIES("New Jersey", "");
	ENTITIES("the Indo-Pacific", "");
	ENTITIES("Latin America", "");
	ENTITIES("l'Amérique latine", "");
	ENTITIES("South Africa", "ZAF");
	ENTITIES("South Sudan", "SSD");
	ENTITIES("Northern Ireland", "");
	ENTITIES("Ireland", "IRL");
	/* other languages' names do not hide common words */
	ENTITIES("an island in the sea", "");
	ENTITIES("chili con carne", "");
	ENTITIES("une réunion du conseil", "");
	ENTITIES("l'eau potable", "");
}
