"""Copies read by OCR: words broken, letters kept, sentences cut in other places.

Each case is a paragraph as printed and as an OCR engine of Fraktur or old type read
it (written for this suite with the confusions such engines make: long s as f, h as
b, n as u, d as b, e as c, rn as m, words split or run together). A misread full stop
runs its first two sentences into one, so no sentence of one side lines up with a
sentence of the other. In its last sentence every content word is broken, so it shares
no word with its source but its letters.
"""

from __future__ import annotations

import pytest

from textreuse import compare
from textreuse.model import ReuseType, Span

CASES = {
    "de": (
        "Am Morgen des dritten Tages verließ der junge Kaufmann die Stadt durch das "
        "nördliche Thor, begleitet von seinem alten Diener, der ihm schon in der Kindheit "
        "die Wege gezeigt hatte. Beide ritten schweigend neben einander her, bis die Sonne "
        "über den Hügeln stand und das Dorf am Flusse vor ihnen lag, wo sie die erste Rast "
        "zu halten gedachten. Dort fanden sie den Wirth vor seinem Hause sitzend, der sie "
        "freundlich grüßte und ihnen Brot, Käse und einen Krug kühlen Weines brachte.",
        "Am Movgen des brittcn Tagcs verliefs der juuge Kauf mann bie Stabt burch bas "
        "nörbliche Tbor, begleitet vou feinem alteu Dieuer, der ibm fchon in der Kinbheit "
        "bie Wcge gezcigt batte, beibe ritten fchweigenb ncben ein ander ber, bis bie Soune "
        "über ben Hügelu ftanb und bas Dorf am Fluffe vor ibnen lag, wo fie bie erfte Raft "
        "zu balten gebachten. Dork fauben fie ben Wirtb vor feinem Daufe fitzenb, ber fie "
        "freunblich grüfste unb ibnen Brob, Käfe unb eiuen Krug küblen Wciues brachtc.",
        "Die Handelskammer der Provinz hat in ihrer letzten Sitzung beschlossen, den Bau "
        "einer neuen Brücke über den Strom zu unterstützen. Die Kosten werden auf zwei "
        "Millionen Mark geschätzt, von denen der Staat die Hälfte tragen soll.",
        "Im Theater wurde am Sonnabend ein neues Lustspiel gegeben, dessen Verfasser noch "
        "nicht dreißig Jahre zählt. Das Publicum nahm das Stück mit lebhaftem Beifall auf, "
        "und die Darsteller wurden am Schlusse mehrmals gerufen.",
    ),
    "en": (
        "When the steamer reached the harbour on Thursday evening, a great crowd had "
        "already gathered along the quay to meet it. Word had spread through the town "
        "that the ship carried the first news of the war, and merchants, clerks and "
        "fishermen alike pressed forward to hear what the captain would say. The mayor "
        "stood waiting beside the customs house and read the dispatch aloud while the "
        "lamps were lit along the street.",
        "Wben tbe fteamer reachcd tbe barbour on Tbursday cvening, a grcat crowd bad "
        "alrcady gatbered aloug tbe quay to mcet it, word bad fpread tbrougb tbe towu "
        "tbat the sbip carricd tbe firft ncws of the war, aud mercbants, clcrks aud "
        "fifhermen alike prefsed forward to bear wbat tbe captaiu would fay. Tbe rnayor "
        "ftood waitiug befide tbe cuftoms boufe aud rcad tbe difpatcb aloud wbile tbe "
        "larnps wcre lit aloug tbe ftrcet.",
        "The county council met on Monday to consider the state of the roads between the "
        "market towns, which the farmers say have not been mended since the spring floods. "
        "A committee of five was appointed to report before the end of the month.",
        "At the assizes yesterday a young labourer was charged with stealing two sheep "
        "from a farm near the river. The jury found him not guilty, the shepherd being "
        "unable to say on which night the animals were lost.",
    ),
}
# The last sentence of each reading: every content word in it is broken.
LAST_SENTENCE = {"de": "Dork fauben", "en": "Tbe rnayor"}


def covered(span: Span, spans: list[Span]) -> float:
    return sum(max(0, min(span.end, s.end) - max(span.start, s.start)) for s in spans) / len(span)


def planted(language: str) -> tuple[str, str, Span, Span]:
    """The printed paragraph inside a source and its OCR reading inside a derived text,
    between paragraphs the other does not have."""
    printed, read, other_a, other_b = CASES[language]
    source = f"{other_a}\n\n{printed}"
    derived = f"{read}\n\n{other_b}"
    return derived, source, Span(0, len(read)), Span(len(other_a) + 2, len(source))


@pytest.mark.parametrize("language", sorted(CASES))
def test_an_ocr_reading_is_found_whole_on_both_sides(language: str) -> None:
    derived, source, in_derived, in_source = planted(language)
    passages = compare(derived, source).passages
    assert covered(in_derived, [p.derived for p in passages]) >= 0.9
    assert covered(in_source, [p.source for p in passages]) >= 0.9


@pytest.mark.parametrize("language", sorted(CASES))
def test_a_sentence_without_one_intact_content_word_stays_in_the_passage(
    language: str,
) -> None:
    derived, source, _, _ = planted(language)
    read = CASES[language][1]
    broken = Span(read.index(LAST_SENTENCE[language]), len(read))
    passages = compare(derived, source).passages
    assert covered(broken, [p.derived for p in passages]) == 1.0


@pytest.mark.parametrize("language", sorted(CASES))
def test_an_ocr_reading_is_typed_as_a_copy_not_a_rewrite(language: str) -> None:
    derived, source, in_derived, _ = planted(language)
    main = max(compare(derived, source).passages, key=lambda p: covered(in_derived, [p.derived]))
    assert main.reuse_type is ReuseType.NEAR_VERBATIM


@pytest.mark.parametrize("language", sorted(CASES))
def test_an_ocr_reading_of_another_story_is_not_reported(language: str) -> None:
    _, read, other_a, other_b = CASES[language]
    assert not compare(read, f"{other_a}\n\n{other_b}").passages


# A printed paragraph whose first two sentences are short, and a reading that lost
# both full stops, so its first sentence holds three of the source's; the two short
# ones share no intact content word with it.
SHORT_OPENING = (
    "Le conseil s'est réuni hier. Il a voté la dépense. Après une longue discussion sur "
    "l'état des chemins entre les deux villages, les membres ont décidé de confier les "
    "travaux à l'entrepreneur le moins cher, à condition que le pont soit achevé avant "
    "l'hiver et que les charrettes puissent y passer sans péril. Le maire a remercié "
    "l'assemblée et levé la séance à dix heures du soir.",
    "Le confeil s'eft rćuni bier, il a voté la dćpenfe, aprés une longue difcuffion fur "
    "l'état des cbemins entre les deux villages, les mernbres ont dćcidé de confier les "
    "travaux à l'entreprencur le moins cber, à condition que le pont foit acbevé avant "
    "l'hiver et que les cbarrettes puiffent y paffer fans pćril. Le maire a rcmercié "
    "l'affemblće et levé la féance à dix beures du foir.",
)
OTHER_FR = (
    "Le marché aux bestiaux de samedi a été fort animé malgré la pluie. Les boeufs se "
    "sont vendus à des prix plus élevés qu'au mois dernier, et les éleveurs venus des "
    "montagnes sont repartis satisfaits de leurs affaires.",
    "La société de musique donnera dimanche un concert sur la place de l'église. On y "
    "entendra plusieurs morceaux nouveaux, et la recette sera versée aux pauvres de la "
    "commune.",
)


def test_a_reading_that_ran_short_sentences_together_keeps_them_on_both_sides() -> None:
    printed, read = SHORT_OPENING
    source = f"{OTHER_FR[0]}\n\n{printed}"
    derived = f"{read}\n\n{OTHER_FR[1]}"
    in_derived, in_source = Span(0, len(read)), Span(len(OTHER_FR[0]) + 2, len(source))
    passages = compare(derived, source).passages
    assert covered(in_source, [p.source for p in passages]) >= 0.95
    assert covered(in_derived, [p.derived for p in passages]) >= 0.95
    main = max(passages, key=lambda p: covered(in_derived, [p.derived]))
    assert main.reuse_type is ReuseType.NEAR_VERBATIM


def test_two_copied_paragraphs_joined_over_other_text_are_two_copies() -> None:
    """A reading of one paragraph, then a paragraph that the source has after other
    text: each is a copy, the two taken together (over the other text) are not."""
    first, second, filler = CASES["en"][0], CASES["en"][2], CASES["en"][3]
    source = f"{first}\n\n{filler} {second}"
    derived = f"{CASES['en'][1]}\n\n{second.replace('five', 'six')}"
    passages = compare(derived, source).passages
    assert [p.reuse_type for p in passages] == [ReuseType.NEAR_VERBATIM] * 2
    assert passages[1].source.start > source.index(second) - 5


# A printed sentence and a reading that broke every content word in it (spaces inside
# words, letters misread), standing alone: no word pairs it with its source at all.
ALL_WORDS_BROKEN = (
    "Die Versammlung der Bürger beschloss gestern nach langer Berathung, die alte Brücke "
    "über den Fluss abzureißen und an ihrer Stelle einen steinernen Bau zu errichten, dessen "
    "Kosten die Gemeinde aus eigenen Mitteln tragen will.",
    "Die Verfamm lung der Bür ger befchlofs geftcrn nach lan ger Beratbung, die alfe Brüeke "
    "über den Flufs abzureifsen und an ibrer Stclle eincn ftei nernen Ban zu crrichten, deffen "
    "Koften die Gemeiude aus eigeuen Mit teln tra gen wiII.",
)


def test_a_reading_sharing_no_content_word_is_found_by_its_letters() -> None:
    """Letter n-grams, read with spaces dropped, pair the two sentences where no
    content word does; their letters then show the copy."""
    printed, read = ALL_WORDS_BROKEN
    other_a, other_b = CASES["de"][2], CASES["de"][3]
    source, derived = f"{other_a}\n\n{printed}", f"{read}\n\n{other_b}"
    passages = compare(derived, source).passages
    assert covered(Span(0, len(read)), [p.derived for p in passages]) >= 0.95
    assert covered(Span(len(other_a) + 2, len(source)), [p.source for p in passages]) >= 0.95
    assert [p.reuse_type for p in passages] == [ReuseType.NEAR_VERBATIM]
