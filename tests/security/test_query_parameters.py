"""
Property: no query string makes a public GET endpoint answer 5xx.

For each public GET endpoint, Hypothesis builds query strings from the keys its view
reads (found in the views: `request.GET.get(...)`, `SearchQuery.from_params`, the filter
forms, Wagtail's API parameters, the OAI-PMH arguments) with hostile values: NUL bytes,
huge and negative numbers, Unicode digits, quotes, very long strings, repeated keys.
The bad inputs issue 15 found are pinned with `@example`, so a fixed one cannot regress
unnoticed.
"""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.security.test_url_enumeration import body_of, client_as
from tests.security.world import leaked_canaries

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.elasticsearch,
]

PROBE = settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ROLES = ["anonymous", "youth"]

HOSTILE = [
    "\x00",
    "a\x00b",
    "%00",
    "0",
    "-1",
    str(2**63),
    str(2**64),
    str(10**30),
    "²",
    "١٢٣",
    "၁၉",
    "'",
    '"',
    "\"'",
    "(",
    "*",
    "AND",
    "[]",
    "{}",
    "1e309",
    "NaN",
    "zzz",
    "x" * 3000,
    "\u202e",
    "\ud7ff",
]

value = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers().map(str),
    st.dates().map(str),
)

SEARCH_KEYS = [
    "q", "page", "sort", "year", "year_from", "year_to", "country", "area", "form", "type",
    "language", "lang", "relevance",
]  # fmt: skip
API_KEYS = [
    "search", "search_operator", "limit", "offset", "fields", "order", "type", "child_of",
    "descendant_of", "ancestor_of", "locale", "translation_of", "publication_date",
    "language", "html_path", "id",
]  # fmt: skip
OAI_KEYS = ["verb", "metadataPrefix", "identifier", "from", "until", "set", "resumptionToken"]


def queries(keys: list[str]):
    """Query strings: each key once or repeated, some keys the view does not read."""
    key = st.one_of(st.sampled_from(keys), st.sampled_from(keys), st.text(max_size=8))
    return st.lists(st.tuples(key, value), min_size=1, max_size=5).map(urlencode)


def probe(world, role: str, path: str, query: str) -> None:
    url = f"{resolve(world, path)}?{query}"
    response = client_as(world, role).get(url)
    assert response.status_code < 500, f"GET {url} as {role}: {response.status_code}"
    assert not leaked_canaries(body_of(response)), f"GET {url} as {role} leaks"


def resolve(world, path: str) -> str:
    """`@name` stands for a seeded page (or URL) of the world."""
    if not path.startswith("@"):
        return path
    target = getattr(world, path[1:])
    return target if isinstance(target, str) else target.url


def endpoint_test(path: str, keys: list[str], examples=()):
    """A property test of one endpoint, as each role in ROLES."""

    @pytest.mark.parametrize("role", ROLES)
    @PROBE
    @given(query=queries(keys))
    def test(world, role, query):
        probe(world, role, path, query)

    for query in examples:
        test = example(query=query)(test)
    return test


test_library_search_page = endpoint_test(
    "/library/search/",
    SEARCH_KEYS,
    examples=["q=a%00b"],
)
test_library_search_api = endpoint_test(
    "/api/library/search",
    SEARCH_KEYS,
    examples=["q=a%00b"],
)
test_library_autocomplete_api = endpoint_test("/api/library/autocomplete", ["q", "lang"])
test_publications_api = endpoint_test(
    "/api/v2/publications/",
    API_KEYS,
    examples=["search=%22", "search=%00", "publication_date=zzz", "search_operator=zzz"],
)
test_publications_find_api = endpoint_test(
    "/api/v2/publications/find/",
    API_KEYS,
    examples=["id=%00", "id=AND", "html_path=%2Fa%00b%2F"],
)
test_oai_pmh = endpoint_test(
    "/oai",
    OAI_KEYS,
    examples=[
        "verb=ListRecords&resumptionToken=-5",
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai%3Aexample%3Apublication%2F%C2%B2",
        "verb=ListRecords&metadataPrefix=oai_dc&set=a%00b",
    ],
)
test_public_calendar = endpoint_test("/meetings/calendar.ics", ["tz", "type", "country"])
test_meeting_index = endpoint_test(
    "@meeting_index",
    ["type", "country", "year", "tz", "page"],
    examples=["year=0", "year=%C2%B2", f"year={10**30}"],
)
test_meeting_page = endpoint_test("@public_meeting", ["tz"])
test_library_index = endpoint_test(
    "@library_index", ["country", "area", "form", "type", "language", "page", "q", "year"]
)
test_publication_page = endpoint_test("@public_publication", ["tz", "page", "lang"])
test_consultation_page = endpoint_test(
    "@consultation", ["paragraph", "organisation_type", "country", "tz", "round"]
)
test_forum_index = endpoint_test("/forums/", ["page"])
test_forum = endpoint_test("/forums/general/", ["page"])
test_thread = endpoint_test("@thread_url", ["page", "after"])
test_home = endpoint_test("/", ["page", "tz", "q"])
