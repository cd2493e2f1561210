"""The thesaurus's initial data covers COMMIT's research in all seven of its languages."""

from knowledge.search.thesaurus import THESAURUS_PATH, read_csv
from knowledge.search.words import terms

LANGUAGES = ("en", "km", "zh-hans", "lo", "my", "th", "vi")
# The concepts the research uses most (issue 21): each must be in the thesaurus.
RESEARCH_CONCEPTS = {
    "victim identification",
    "referral",
    "safe migration",
    "recruitment fees",
    "debt bondage",
    "broker",
    "repatriation",
    "reintegration",
    "cross-border cooperation",
    "prosecution",
    "scam compound",
    "forced marriage",
    "fishing and seafood",
    "domestic work",
    "child trafficking",
}


def test_at_least_sixty_concepts_each_in_all_seven_languages():
    concepts = read_csv(THESAURUS_PATH)
    assert len(concepts) >= 60
    for concept in concepts:
        missing = [language for language in LANGUAGES if not concept.terms.get(language)]
        assert not missing, f"{concept.name}: no term in {missing}"


def test_the_research_concepts_are_there():
    names = {concept.name for concept in read_csv(THESAURUS_PATH)}
    assert names >= RESEARCH_CONCEPTS


def test_no_term_stands_for_two_concepts():
    # Compared as the index reads them (segmented and folded): "Brokers" and "broker" agree.
    owner: dict[tuple[str, ...], str] = {}
    for concept in read_csv(THESAURUS_PATH):
        for term in concept.all_terms:
            words = tuple(terms(term))
            assert words, f"{concept.name}: {term!r} has no words"
            assert owner.setdefault(words, concept.name) == concept.name, (
                f"{term!r} is under {owner[words]!r} and {concept.name!r}"
            )
