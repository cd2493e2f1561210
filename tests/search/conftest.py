"""Fixtures for search: a small library, people with rights, and each backend."""

import logging
import uuid

import pytest
from django.conf import settings as django_settings

from knowledge.models import ExploitationForm, PublicationType, SpaArea
from knowledge.sample_pdfs import latin_pdf, text_layer_pdf
from knowledge.search import documents, signals
from knowledge.search.backends import DATABASE_BACKEND, ELASTICSEARCH_BACKEND, search_publications
from portal import search_client
from portal.models import AccessLevel
from portal.permissions import ANONYMOUS, viewer_for_user
from tests.knowledge.conftest import countries, groups, home, library  # noqa: F401 - shared fixtures
from tests.knowledge.factories import PublicationFactory
from tests.portal.factories import member_of

FALLBACK_LOGGER = "knowledge.search.backends"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def search_signals():
    """The receivers the app's ready() will connect (left as found afterwards)."""
    already = signals.search_signals_connected()
    signals.connect_search_signals()
    yield
    if not already:
        signals.disconnect_search_signals()


def fell_back_to_the_database(records) -> list[str]:
    """The warnings of searches the database answered because the engine failed."""
    return [
        record.getMessage()
        for record in records
        if record.name == FALLBACK_LOGGER and "unavailable, using the database" in record.msg
    ]


@pytest.fixture
def elasticsearch_index(settings, caplog):
    """
    A throw-away index prefix on the real node, deleted afterwards.

    Searching falls back to the database quietly when the engine errors, and most results
    would look right anyway: a test that used the engine fails here if any search, page,
    autocomplete or "more like this" it made was answered by the fallback.
    """
    settings.COMMIT_SEARCH_BACKEND = ELASTICSEARCH_BACKEND
    settings.COMMIT_SEARCH_INDEX_PREFIX = f"knowledge-test-{uuid.uuid4().hex[:10]}"
    with caplog.at_level(logging.WARNING, logger=FALLBACK_LOGGER):
        yield settings.COMMIT_SEARCH_INDEX_PREFIX
    es = documents.client()
    search_client.delete_indices(es, f"{settings.COMMIT_SEARCH_INDEX_PREFIX}-*")
    fallbacks = fell_back_to_the_database(caplog.get_records("setup") + caplog.get_records("call"))
    assert not fallbacks, f"Elasticsearch did not answer; the database did: {fallbacks}"


def search_on_elasticsearch(query, viewer):
    """Search, checking that Elasticsearch answered (not the database fallback)."""
    results = search_publications(query, viewer)
    assert results.backend == "elasticsearch", f"answered by {results.backend}"
    assert not results.reduced
    return results


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request, settings):
    """Each backend in turn, for the contract suite."""
    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch_index")
    else:
        settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND
    return request.param


@pytest.fixture
def refresh():
    """Make what was just indexed searchable (Elasticsearch refreshes every second)."""

    def refresh_index():
        if (
            django_settings.ELASTICSEARCH_URL
            and getattr(django_settings, "COMMIT_SEARCH_BACKEND", "") == ELASTICSEARCH_BACKEND
        ):
            es = documents.client()
            if es.indices.exists_alias(name=documents.index_prefix()):
                es.indices.refresh(index=documents.index_prefix())

    return refresh_index


@pytest.fixture
def viewers(groups):
    """Viewers by name; rights that need a second factor count (mfa_ok=True)."""

    def member(email, group):
        return viewer_for_user(member_of(group, email=email), mfa_ok=True)

    return {
        "anonymous": ANONYMOUS,
        "cso": member("cso.search@example.org", groups["cso"]),
        "government": member("gov.search@example.org", groups["government"]),
        "secretariat": member("secretariat.search@example.org", groups["secretariat"]),
    }


@pytest.fixture
def publish(library, django_capture_on_commit_callbacks, refresh):
    """Create and publish a publication, run what waits for the commit, make it searchable."""

    def publish(slug, *, access=AccessLevel.PUBLIC, groups=(), pages=None, **fields):
        pdf = None
        if pages:
            english = fields.get("language", "en") == "en"
            pdf = latin_pdf(pages, title=slug) if english else text_layer_pdf(pages)
        with django_capture_on_commit_callbacks(execute=True):
            page = PublicationFactory(
                library=library,
                slug=slug,
                access_level=access,
                allowed_groups=groups,
                pdf=pdf,
                **fields,
            )
        refresh()
        return page

    return publish


def publish_multilingual(publish):
    """Five publications in five languages and scripts (no two share a word)."""
    publish(
        "fishing-islands-th",
        language="th",
        title="ติดอยู่กลางทะเล: การค้ามนุษย์ในกองเรือประมงลุ่มน้ำโขง",
        summary="ชาวประมงจากไทย เมียนมา และกัมพูชาที่ติดอยู่บนเกาะห่างไกล",
    )
    publish(
        "brokered-marriage-vi",
        language="vi",
        title="Hôn nhân qua môi giới từ Việt Nam sang Trung Quốc",
        summary="Tuyến đường, người môi giới và trải nghiệm của những phụ nữ đã trở về.",
    )
    publish(
        "construction-debt",
        title="Cambodian construction workers: forced labour and deception",
        summary="Debt and informal recruiters on building sites.",
    )
    publish(
        "scam-compounds-zh",
        language="zh-hans",
        title="网络诈骗园区中的强迫犯罪",
        summary="虚假招聘如何把人带进诈骗园区。",
    )
    publish(
        "lao-migration",
        language="lo",
        title="ການເຄື່ອນຍ້າຍແຮງງານຈາກລາວໄປໄທ",
        summary="ເປັນຫຍັງແຮງງານໜຸ່ມລາວຈຶ່ງເຄື່ອນຍ້າຍແບບບໍ່ປົກກະຕິ.",
    )


@pytest.fixture
def taxonomy(db):
    return {
        "report": PublicationType.objects.get(slug="research-report"),
        "brief": PublicationType.objects.get(slug="policy-brief"),
        "protection": SpaArea.objects.get(slug="protection"),
        "prevention": SpaArea.objects.get(slug="prevention"),
        "fishing": ExploitationForm.objects.get(slug="fishing-and-seafood"),
        "marriage": ExploitationForm.objects.get(slug="forced-marriage"),
    }


@pytest.fixture
def content(backend, publish, countries, groups):
    """A public report with page text and a government-only paper (page and API tests)."""
    publish(
        "fishing-fleets",
        title="Stranded at sea: trafficking in the fishing fleets",
        pages=["Introduction.", "Boats stayed at sea for months at Ambon."],
        countries=[countries["TH"]],
    )
    publish(
        "government-fishing-paper",
        title="Government paper on fishing prosecutions",
        access=AccessLevel.GROUPS,
        groups=[groups["government"]],
        countries=[countries["KH"]],
    )
