"""
The secretariat edits the search thesaurus in the admin: a saved change reaches the
database search at once and Elasticsearch after the rebuild asked for there; an invalid
term is refused on the form with nothing saved; a failed rebuild leaves the old index.
"""

import pytest

from knowledge.models import ThesaurusConcept
from knowledge.search import documents
from knowledge.search.backends import DATABASE_BACKEND, search_publications
from knowledge.search.indexing import all_documents
from knowledge.search.query import SearchQuery
from knowledge.search.thesaurus import forget_thesaurus
from portal.permissions import ANONYMOUS, MFA_SESSION_KEY
from tests.portal.factories import member_of
from tests.search.conftest import search_on_elasticsearch

pytestmark = pytest.mark.django_db

# A Lao term for "shelter" the initial data does not have ("temporary shelter house").
LAO_SHELTER = "ເຮືອນພັກເຊົາຊົ່ວຄາວ"
FIELDS = ("name", "en", "km", "zh_hans", "lo", "my", "th", "vi")


@pytest.fixture(autouse=True)
def thesaurus_read_afresh():
    """Each test's edits are rolled back with it: no process keeps them afterwards."""
    forget_thesaurus()
    yield
    forget_thesaurus()


@pytest.fixture
def secretariat(client, groups):
    user = member_of(groups["secretariat"], email="thesaurus.editor@example.org")
    client.force_login(user)
    session = client.session
    session[MFA_SESSION_KEY] = user.pk
    session.save()
    return client


@pytest.fixture
def lao_shelter_report(publish):
    # The term stands between spaces: it is cut into words as it is in the thesaurus.
    return publish(
        "lao-shelter",
        language="lo",
        title=f"ບົດລາຍງານ {LAO_SHELTER} ແຂວງສະຫວັນນະເຂດ",
        summary="ການຊ່ວຍເຫຼືອແມ່ຍິງ",
    )


def edit_url(concept):
    return f"/admin/snippets/knowledge/thesaurusconcept/edit/{concept.pk}/"


def form_data(concept, **changes):
    data = {field: getattr(concept, field) for field in FIELDS}
    data.update(changes)
    return data


def found(text):
    results = search_publications(SearchQuery(text=text), ANONYMOUS)
    return [hit.url.rstrip("/").rsplit("/", 1)[-1] for hit in results.hits]


def test_a_lao_term_added_in_the_admin_makes_an_english_query_find_the_lao_report(
    settings, secretariat, lao_shelter_report, django_capture_on_commit_callbacks
):
    settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND
    shelter = ThesaurusConcept.objects.get(name="shelter")
    assert "lao-shelter" not in found("shelters")

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(
            edit_url(shelter), form_data(shelter, lo=f"{shelter.lo}\n{LAO_SHELTER}")
        )

    assert response.status_code == 302
    assert found("shelters") == ["lao-shelter"]
    # Every language of the concept finds it: Thai, and the Lao term's own concept.
    assert found("สถานคุ้มครอง") == ["lao-shelter"]


def test_a_term_taken_out_in_the_admin_no_longer_links_the_languages(
    settings, secretariat, publish, django_capture_on_commit_callbacks
):
    settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND
    publish("shelter-th", language="th", title="รายงาน บ้านพักพิง ในภาคเหนือ")
    assert found("shelter") == ["shelter-th"]
    shelter = ThesaurusConcept.objects.get(name="shelter")

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(edit_url(shelter), form_data(shelter, th="สถานคุ้มครอง"))

    assert response.status_code == 302
    assert found("shelter") == []
    assert found("บ้านพักพิง") == ["shelter-th"]


@pytest.mark.elasticsearch
def test_elasticsearch_follows_the_edit_after_the_rebuild_asked_for_in_the_admin(
    elasticsearch_index, secretariat, lao_shelter_report, django_capture_on_commit_callbacks
):
    # elasticsearch_index first: the report is published into the engine's index.
    shelter = ThesaurusConcept.objects.get(name="shelter")
    query = SearchQuery(text="shelters")
    assert search_on_elasticsearch(query, ANONYMOUS).total == 0
    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post(edit_url(shelter), form_data(shelter, lo=f"{shelter.lo}\n{LAO_SHELTER}"))
    # The engine's rules are part of its index: not changed until it is rebuilt.
    assert search_on_elasticsearch(query, ANONYMOUS).total == 0

    listing = secretariat.get("/admin/snippets/knowledge/thesaurusconcept/")
    assert "Rebuild the search index with this thesaurus" in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post("/admin/library/thesaurus/rebuild/")

    assert response.status_code == 302
    hits = search_on_elasticsearch(query, ANONYMOUS).hits
    assert [hit.title for hit in hits] == [lao_shelter_report.title]


INVALID = {
    "only punctuation": ("lo", "ສູນພັກພິງ\n!!! …", "has no letters or digits"),
    "too long": ("en", "shelter\n" + "shelter " * 20, "a term has at most 100"),
    "another concept's term": ("en", "shelter\nForced Labor", "already a term of the concept"),
    "no name": ("name", "", "This field is required"),
}


@pytest.mark.parametrize("case", INVALID)
def test_an_invalid_term_is_refused_on_the_form_and_nothing_changes(
    settings, secretariat, publish, case, django_capture_on_commit_callbacks
):
    settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND
    publish("forced-labour-th", language="th", title="รายงาน แรงงานบังคับ ในภาคประมง")
    shelter = ThesaurusConcept.objects.get(name="shelter")
    before = form_data(shelter)
    field, typed, message = INVALID[case]

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(edit_url(shelter), form_data(shelter, **{field: typed}))

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    if typed:
        assert typed.splitlines()[-1].strip() in page  # what was typed stays on the form
    shelter.refresh_from_db()
    assert form_data(shelter) == before
    # "forced labor" still finds forced labour's Thai report, not the shelter concept's.
    assert found("forced labor") == ["forced-labour-th"]
    assert found("shelter") == []


def test_only_the_secretariat_edits_the_thesaurus_or_asks_for_a_rebuild(client, groups):
    cso = member_of(groups["cso"], email="cso.thesaurus@example.org")
    client.force_login(cso)
    shelter = ThesaurusConcept.objects.get(name="shelter")
    for url in (
        "/admin/snippets/knowledge/thesaurusconcept/",
        edit_url(shelter),
        "/admin/library/thesaurus/rebuild/",
    ):
        assert client.get(url).status_code in (302, 403)
    assert client.post("/admin/library/thesaurus/rebuild/").status_code in (302, 403)
    assert client.post(edit_url(shelter), form_data(shelter, en="")).status_code in (302, 403)
    shelter.refresh_from_db()
    assert shelter.en


@pytest.mark.elasticsearch
def test_a_rebuild_that_fails_midway_leaves_the_old_index_answering(publish, elasticsearch_index):
    report = publish("fishing-en", title="Fishermen stranded on remote islands")
    publish("marriage-en", title="Brokered marriage across the border")
    es = documents.client()
    serving = documents.indices_behind_alias(es)

    def documents_then_failure():
        yield from list(all_documents())[:1]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        documents.rebuild(documents_then_failure())

    assert documents.indices_behind_alias(es) == serving
    assert es.indices.get(index=f"{elasticsearch_index}-*").keys() == set(serving)
    hits = search_on_elasticsearch(SearchQuery(text="fishermen"), ANONYMOUS).hits
    assert [hit.title for hit in hits] == [report.title]
