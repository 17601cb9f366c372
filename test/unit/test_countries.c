/*
 * test_countries.c — countries by name, capital, demonym and compound,
 * whatever the case, accents and apostrophes.
 */
#include "unit.h"

#define ENTITIES(text, want) CHECK_STR(ut_entities(text), want, text)

void
test_countries(void)
{
	/* one name, three spellings */
	ENTITIES("ÉTATS-UNIS", "USA");
	ENTITIES("Etats-Unis", "USA");
	ENTITIES("les états-unis", "USA");
	ENTITIES("United States of America", "USA");
	ENTITIES("the United States", "USA");
	/* elision */
	ENTITIES("l'Inde et l’Iran", "IND,IRN");
	ENTITIES("d'Iran, d’Ukraine et de l'Afghanistan", "AFG,IRN,UKR");
	/* compounds */
	ENTITIES("le partenariat sino-russe", "CHN,RUS");
	ENTITIES("le conflit russo-ukrainien", "RUS,UKR");
	ENTITIES("le couple franco-allemand", "DEU,FRA");
	ENTITIES("Sino-Russian ties", "CHN,RUS");
	ENTITIES("US-China trade", "CHN,USA");
	ENTITIES("le dialogue indo-pakistanais", "IND,PAK");
	ENTITIES("Franco est mort en 1975", "");
	/* acronyms and case */
	ENTITIES("The U.S. and the U.K. agreed", "GBR,USA");
	ENTITIES("the US and the UK", "GBR,USA");
	ENTITIES("let us talk", "");
	ENTITIES("talk to us", "");
	ENTITIES("the uk and the us", "");	/* lower case: neither */
	ENTITIES("a www.example.co.uk address", "");
	/* demonyms, all genders and numbers */
	ENTITIES("la diplomatie chinoise", "CHN");
	ENTITIES("les dirigeants chinois", "CHN");
	ENTITIES("des entreprises chinoises", "CHN");
	ENTITIES("Chinese officials", "CHN");
	ENTITIES("Britons voted", "GBR");
	ENTITIES("une délégation allemande", "DEU");
	ENTITIES("les négociateurs iraniens", "IRN");
	/* capitals and seats of power */
	ENTITIES("Pékin et Moscou", "CHN,RUS");
	ENTITIES("Beijing and Moscow", "CHN,RUS");
	ENTITIES("le Kremlin a démenti", "RUS");
	ENTITIES("la Maison-Blanche a répondu", "USA");
	ENTITIES("la Maison Blanche", "USA");
	ENTITIES("the White House said", "USA");
	ENTITIES("l'Élysée a confirmé", "FRA");
	ENTITIES("Downing Street refused", "GBR");
	ENTITIES("Zhongnanhai", "CHN");
	/* short, historical and long forms */
	ENTITIES("America first", "USA");
	ENTITIES("Great Britain and Britain", "GBR");
	ENTITIES("la Grande-Bretagne", "GBR");
	ENTITIES("Burma", "MMR");
	ENTITIES("Ivory Coast", "CIV");
	ENTITIES("la Côte d'Ivoire", "CIV");
	ENTITIES("la Côte d’Ivoire", "CIV");
	ENTITIES("Holland", "NLD");
	ENTITIES("la République populaire de Chine", "CHN");
	ENTITIES("the Russian Federation", "RUS");
	ENTITIES("Kosovo", "XKX");
	/* quotation marks do not hide a name */
	ENTITIES("« unir les pays » avec la Chine", "CHN");
	ENTITIES("“Iran” said", "IRN");
	/* St. with its period */
	ENTITIES("St. Lucia", "LCA");
	/* offsets */
	CHECK_STR(ut_mentions("Moscou et Pékin"), "RUS:Moscou@1-7/1;CHN:Pékin@11-16/1;", "offsets");
	CHECK_STR(ut_mentions("l’Inde. La Chine"), "IND:Inde@3-7/1;CHN:Chine@12-17/2;", "offsets after ’ and sentence numbers");
	CHECK_STR(ut_mentions("la Maison-Blanche"), "USA:Maison-Blanche@4-18/1;", "a compound's surface is the whole phrase");
}
