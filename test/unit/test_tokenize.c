/*
 * test_tokenize.c — tokens, offsets, phrases and sentences.
 */
#include <stdlib.h>

#include "core.h"
#include "unit.h"

static gt_token toks[GT_SENTENCE_MAX];
static char fold[GT_FOLD_BUFFER_SIZE];

/*
 * Describes the tokenization of text: folded tokens separated by spaces,
 * `+` when joined to the next in a phrase, `-` when by a hyphen, `|` between
 * sentences.  Uses the built-in lexicon (for abbreviations).
 */
static const char *
tokens_of(const char *text)
{
	static char buf[4096];
	gt_tokenizer tk;
	gt_sentence s;
	size_t		used = 0;

	gt_tokenizer_init(&tk, &gt_builtin_lexicon, text, strlen(text), toks, fold);
	tk.keep_all = 1;
	buf[0] = '\0';
	while (gt_tokenizer_next(&tk, &s))
	{
		uint32_t	i;

		if (s.index > 1)
			used += snprintf(buf + used, sizeof(buf) - used, " | ");
		for (i = 0; i < s.ntokens; i++)
		{
			const char *sep = " ";

			if (s.tokens[i].flags & GT_TF_HYPHEN_NEXT)
				sep = "-";
			else if (s.tokens[i].flags & GT_TF_JOIN_NEXT)
				sep = "+";
			used += snprintf(buf + used, sizeof(buf) - used, "%.*s%s",
							 (int) s.tokens[i].flen, gt_token_fold(&s, i),
							 i + 1 < s.ntokens ? sep : "");
		}
	}
	return buf;
}

/* The flags of the n-th token (0-based) of the first sentence. */
static unsigned
flags_of(const char *text, int n)
{
	gt_tokenizer tk;
	gt_sentence s;

	gt_tokenizer_init(&tk, &gt_builtin_lexicon, text, strlen(text), toks, fold);
	tk.keep_all = 1;
	if (!gt_tokenizer_next(&tk, &s) || (uint32_t) n >= s.ntokens)
		return 0xFFFF;
	return s.tokens[n].flags;
}

void
test_tokenize(void)
{
	const char *t;

	/* folding of whole words, NFC and NFD alike */
	CHECK_STR(tokens_of("ÉTATS-UNIS"), "etats-unis", "upper case with accents");
	CHECK_STR(tokens_of("Etats-Unis"), "etats-unis", "no accent");
	CHECK_STR(tokens_of("e\xcc\x81tats-unis"), "etats-unis", "NFD input");
	/* elision, straight and typographic */
	CHECK_STR(tokens_of("l'Inde"), "l+inde", "straight apostrophe");
	CHECK_STR(tokens_of("d\xe2\x80\x99Iran"), "d+iran", "typographic apostrophe");
	CHECK_STR(tokens_of("le \xe2\x80\x98mot\xe2\x80\x99 ici"), "le mot ici", "quotes are not elision");
	/* phrases break at punctuation, guillemets included */
	CHECK_STR(tokens_of("Chine, Russie"), "chine russie", "comma breaks");
	CHECK_STR(tokens_of("\xc2\xab Chine \xc2\xbb"), "chine", "guillemets");
	CHECK_STR(tokens_of("Costa Rica"), "costa+rica", "space joins");
	CHECK_STR(tokens_of("sino - russe"), "sino russe", "a spaced dash is not a hyphen");
	/* dotted acronyms */
	CHECK_STR(tokens_of("the U.S. and the U.K."), "the+us+and+the+uk", "acronyms");
	CHECK_STR(tokens_of("U.S.-China"), "us-china", "acronym then hyphen");
	CHECK(flags_of("the U.S. said", 1) & GT_TF_ACRONYM, "U.S. is an acronym");
	CHECK(flags_of("the U.S. said", 1) & GT_TF_UPPER, "U.S. is upper case");
	CHECK(!(flags_of("e.g. this", 0) & GT_TF_ACRONYM), "e.g. is not");
	/* case flags */
	CHECK(flags_of("US", 0) & GT_TF_UPPER, "US upper");
	CHECK(!(flags_of("us", 0) & (GT_TF_UPPER | GT_TF_CAP)), "us lower");
	CHECK((flags_of("Turkey", 0) & (GT_TF_CAP | GT_TF_UPPER)) == GT_TF_CAP, "Turkey capitalised");
	CHECK(flags_of("Le Tchad", 0) & GT_TF_SENT_START, "sentence start");
	CHECK(!(flags_of("Le Tchad", 1) & GT_TF_SENT_START), "not a sentence start");

	/* sentences */
	CHECK_STR(tokens_of("Il pleut. Il neige."), "il+pleut | il+neige", "two sentences");
	CHECK_STR(tokens_of("M. Lavrov est venu."), "m+lavrov+est+venu", "French M. does not end a sentence");
	CHECK_STR(tokens_of("George W. Bush spoke."), "george+w+bush+spoke", "an initial does not");
	CHECK_STR(tokens_of("He met Mr. Smith."), "he+met+mr+smith", "Mr. does not");
	CHECK_STR(tokens_of("It grew 3.5 percent"), "it+grew+3 5+percent", "a decimal does not");
	CHECK_STR(tokens_of("Il dit etc. et part"), "il+dit+etc+et+part", "lower case after a period does not, and etc. keeps the phrase");
	CHECK_STR(tokens_of("Titre\n\nTexte"), "titre | texte", "a blank line does");
	CHECK_STR(tokens_of("Vraiment ? Oui."), "vraiment | oui", "a question mark does");
	CHECK_STR(tokens_of("中国。俄罗斯"), "中+国 | 俄+罗+斯", "ideographic full stop, one token per Han character");

	/* character offsets across scripts: 1 character = 1 position */
	{
		gt_tokenizer tk;
		gt_sentence s;

		t = "Ça va, 中国 et l’Inde.";
		gt_tokenizer_init(&tk, &gt_builtin_lexicon, t, strlen(t), toks, fold);
		tk.keep_all = 1;
		CHECK(gt_tokenizer_next(&tk, &s) == 1, "one sentence");
		CHECK(s.ntokens == 7, "7 tokens, got %u", s.ntokens);
		CHECK(s.tokens[2].cstart == 7 && s.tokens[2].cend == 8, "中 at character 7, got %u-%u",
			  s.tokens[2].cstart, s.tokens[2].cend);
		CHECK(s.tokens[6].cstart == 15 && s.tokens[6].cend == 19, "Inde at 15-19, got %u-%u",
			  s.tokens[6].cstart, s.tokens[6].cend);
		CHECK(s.tokens[6].start == 22, "Inde at byte 22, got %u", s.tokens[6].start);
	}
}
