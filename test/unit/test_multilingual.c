/*
 * test_multilingual.c — CLDR names in other languages and scripts.
 */
#include "unit.h"

#define ENTITIES(text, want) CHECK_STR(ut_entities(text), want, text)

void
test_multilingual(void)
{
	/* Chinese and Japanese: no spaces between words */
	ENTITIES("中国和俄罗斯加强合作", "CHN,RUS");
	ENTITIES("中华人民共和国", "CHN");
	ENTITIES("美国总统访问日本", "JPN,USA");
	ENTITIES("日本とアメリカ", "JPN,USA");
	/* traditional Chinese */
	ENTITIES("中國與俄羅斯", "CHN,RUS");
	/* Cyrillic, Arabic, Persian, Greek, Hebrew, Korean, Hindi */
	ENTITIES("Россия и Китай", "CHN,RUS");
	ENTITIES("Україна", "UKR");
	ENTITIES("الصين", "CHN");
	ENTITIES("ایران", "IRN");
	ENTITIES("Ελλάδα", "GRC");
	ENTITIES("ישראל", "ISR");
	ENTITIES("대한민국", "KOR");
	ENTITIES("भारत", "IND");
	/* Latin-script languages */
	ENTITIES("Deutschland und Frankreich", "DEU,FRA");
	ENTITIES("España y Marruecos", "ESP,MAR");
	ENTITIES("Türkiye ve Yunanistan", "GRC,TUR");
	ENTITIES("Polska i Niemcy", "DEU,POL");
	ENTITIES("Nederland en België", "BEL,NLD");
	ENTITIES("Itália e Brasil", "BRA,ITA");
	ENTITIES("Stati Uniti", "USA");

	/*
	 * The two Congos: CLDR's `Congo (Repubblica)` must not make every
	 * `Repubblica` the Republic of the Congo, and `Республика Конго` (COG)
	 * inside the DR Congo's full name gives way to the longer form.
	 */
	ENTITIES("la Repubblica italiana e la Repubblica federale", "");
	ENTITIES("Repubblica Democratica del Congo", "COD");
	ENTITIES("Repubblica del Congo", "COG");
	ENTITIES("в Демократической Республике Конго", "COD");
	ENTITIES("Республика Конго", "COG");
	ENTITIES("Демократична Республіка Конго", "COD");
	ENTITIES("Δημοκρατία και Τσεχική Δημοκρατία", "CZE");
	ENTITIES("刚果（金）和刚果（布）", "COD,COG");
	/* New Guinea, the island, is not Guinea; Papua New Guinea is */
	ENTITIES("Nueva Guinea", "");
	ENTITIES("ニューギニア島", "");
	ENTITIES("в Папуа-Новой Гвинее", "PNG");
	ENTITIES("Papúa Nueva Guinea", "PNG");
	/* names CLDR writes with a lower-case last word, and joining marks */
	ENTITIES("Polinesia francese", "PYF");
	ENTITIES("polinesia francese", "");
	ENTITIES("Guinea equatoriale e Repubblica ceca", "CZE,GNQ");	/* not GIN */
	ENTITIES("ボスニア・ヘルツェゴビナ", "BIH");
	ENTITIES("日本・米国", "JPN,USA");
	ENTITIES("ארה״ב, צ׳ילה", "CHL,USA");

	/*
	 * CLDR short names that are acronyms count only in capitals: Turkish
	 * `ABD` is the United States, `Abd` begins many Arabic names.
	 */
	ENTITIES("ABD ve Rusya", "RUS,USA");
	ENTITIES("США и Китай", "CHN,USA");
	ENTITIES("Abd al-Rahman met Abd Rabbuh in Aden", "");
	ENTITIES("Abd Rabbuh Mansur Hadi returned to Aden", "YEM,abdrabbuh_mansur_hadi");
}
