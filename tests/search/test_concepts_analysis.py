"""
The concepts analysis indexes without flatten_graph (the largest cost of a rebuild), which
is lossless only if every thesaurus rule's side path is the concept's one word over the
term's own words. Checked on the real node against the same chain with flatten_graph, for
every term of the thesaurus in all seven languages.
"""

import pytest

from knowledge.search import documents
from knowledge.search.thesaurus import concept_token, load_concepts

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def _tokens(es, index, analyzer, text):
    answer = es.indices.analyze(index=index, analyzer=analyzer, text=text)
    return [
        (t["token"], t["position"], t["start_offset"], t["end_offset"]) for t in answer["tokens"]
    ]


def test_every_thesaurus_term_is_indexed_as_flattening_would_index_it(elasticsearch_index):
    es = documents.client()
    analysis = documents.analysis_settings(documents.node_has_icu(es))
    flattened = dict(analysis["analyzer"]["portal_concepts"])
    flattened["filter"] = [*flattened["filter"], "flatten_graph"]
    analysis["analyzer"]["flattened_concepts"] = flattened
    index = f"{elasticsearch_index}-flatten-check"
    es.indices.create(index=index, settings={"analysis": analysis, "number_of_replicas": 0})

    concepts = load_concepts()
    assert len(concepts) >= 60
    texts = []
    for concept in concepts:
        for term in concept.all_terms:
            texts.append((concept, f"before {term} after"))
    # Terms back to back, and every term at once: matches next to matches.
    texts.append((None, " ".join(t for c in concepts[:20] for t in c.all_terms)))

    for concept, text in texts:
        ours = _tokens(es, index, "portal_concepts", text)
        assert ours == _tokens(es, index, "flattened_concepts", text), text
        if concept is not None:
            # The concept's word stands where its term starts, marking the whole term.
            word = concept_token(concept.number)
            assert any(token == word for token, *_ in ours), text
