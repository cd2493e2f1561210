"""
OAI-PMH as harvesters meet it: sickle harvests a live server (resumption tokens, sets,
dates, errors), and every kind of response validates against the OAI-PMH 2.0 schema
(tests/knowledge/schemas/OAI-PMH.xsd), on records in all seven scripts with commas,
semicolons, backslashes and braces.
"""

from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree
from sickle import Sickle, oaiexceptions
from wagtail.models import Locale, Page, Site

from home.demo import ensure_wagtail_roots
from home.models import HomePage
from knowledge import oai
from knowledge.models import LibraryIndexPage, SpaArea
from knowledge.names import AuthorName, NameOrder
from portal.models import AccessLevel, Country
from tests.knowledge.conftest import make_publication

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "OAI-PMH.xsd")))
OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "http://purl.org/dc/elements/1.1/"
DC_ELEMENTS = {
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
    "format", "identifier", "source", "language", "relation", "coverage", "rights",
}  # fmt: skip
TITLES = {
    "en": "Debts, brokers; and C:\\fees {draft}",
    "km": "ការជួញដូរមនុស្ស, ឧស្សាហកម្មនេសាទ; {ព្រាង}",
    "zh-hans": "人口拐卖，渔业; 报告 \\ {草稿}",
    "lo": "ການຄ້າມະນຸດ, ແຮງງານ; ລາຍງານ",
    "my": "လူကုန်ကူးမှု, ငါးဖမ်းလုပ်ငန်း; အစီရင်ခံစာ",
    "th": "การค้ามนุษย์, ประมง; รายงาน \\ {ร่าง}",
    "vi": "Buôn bán người, nghề cá; báo cáo {nháp}",
}


def build_library():
    # A transactional test before this one may have emptied what migrations created.
    ensure_wagtail_roots()
    locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="COMMIT Portal", slug="oai-home", locale=locale, hero_title="Hi")
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    library = home.add_child(instance=LibraryIndexPage(title="Library", slug="library"))
    library.save_revision().publish()
    area = SpaArea.objects.get_or_create(slug="protection", defaults={"name": "Protection"})[0]
    thailand = Country.objects.get_or_create(code="TH", defaults={"name": "Thailand"})[0]
    for language, title in TITLES.items():
        make_publication(
            library,
            f"report-{language}",
            title=title,
            language=language,
            summary=f"{title}\nSecond line, with a comma; and a semicolon.",
            areas=[area],
            countries=[thailand],
            authors=[(AuthorName("Nguyễn", "Thị Minh", NameOrder.FAMILY_FIRST), None)],
        )
    make_publication(library, "members-only", title="Members only", access=AccessLevel.MEMBERS)
    return library


@pytest.fixture
def live_library(transactional_db):
    """For the live server, whose thread sees only committed rows."""
    return build_library()


@pytest.fixture
def library(db):
    return build_library()


@pytest.fixture
def harvester(live_server, live_library, monkeypatch):
    # Small pages, so that harvesting all seven records needs resumption tokens.
    monkeypatch.setattr(oai, "PAGE_SIZE", 3)
    return Sickle(f"{live_server.url}/oai", max_retries=0, timeout=30)


def test_sickle_harvests_every_public_record_through_resumption_tokens(harvester):
    records = list(harvester.ListRecords(metadataPrefix="oai_dc"))
    titles = {record.metadata["title"][0] for record in records}
    assert titles == set(TITLES.values())
    languages = {record.metadata["language"][0] for record in records}
    assert languages == set(TITLES)
    identifiers = [record.header.identifier for record in records]
    assert len(set(identifiers)) == 7
    assert all(i.startswith("oai:commit-portal.localhost:publication/") for i in identifiers)
    record = harvester.GetRecord(identifier=identifiers[0], metadataPrefix="oai_dc")
    assert record.metadata["creator"] == ["Nguyễn Thị Minh"]
    assert {"area", "area:protection", "country", "country:TH"} <= set(record.header.setSpecs)


def test_sickle_reads_identify_sets_and_selective_harvests(harvester):
    identify = harvester.Identify()
    assert identify.baseURL == "http://127.0.0.1:8000/oai"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    specs = {oai_set.setSpec for oai_set in harvester.ListSets()}
    assert {"area", "area:protection", "country", "country:TH", "form"} <= specs
    headers = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="country:TH"))
    assert len(headers) == 7
    newest = max(header.datestamp for header in headers)
    # `until` the newest datestamp includes the record stamped within that second.
    until = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", until=newest))
    assert len(until) == 7
    since = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", **{"from": newest}))
    assert since
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="area:astrology"))
    with pytest.raises(oaiexceptions.BadResumptionToken):
        list(harvester.ListIdentifiers(resumptionToken="eyJvZmZzZXQiOi0xfQ"))
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        harvester.GetRecord(identifier="oai:localhost:publication/1", metadataPrefix="oai_dc")


def response_tree(client, query):
    response = client.get(f"/oai?{query}")
    assert response.status_code == 200
    return etree.fromstring(response.content)


@pytest.mark.parametrize(
    "query",
    [
        "verb=Identify",
        "verb=ListMetadataFormats",
        "verb=ListSets",
        "verb=ListIdentifiers&metadataPrefix=oai_dc",
        "verb=ListRecords&metadataPrefix=oai_dc",
        "verb=ListRecords&metadataPrefix=oai_dc&set=area",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2000-01-01&until=2100-01-01",
        "verb=Identify&verb=Identify",
        "verb=Nonsense",
        "verb=ListRecords",
        "verb=ListRecords&metadataPrefix=marc21",
        "verb=ListRecords&metadataPrefix=oai_dc&set=area:astrology",
        "verb=ListRecords&metadataPrefix=oai_dc&set=bad%20set",
        "verb=ListRecords&resumptionToken=forged",
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:x:publication/0",
    ],
)
def test_every_response_is_schema_valid(client, library, monkeypatch, query):
    monkeypatch.setattr(oai, "PAGE_SIZE", 3)
    tree = response_tree(client, query)
    assert SCHEMA.validate(tree), SCHEMA.error_log
    token = tree.find(f".//{OAI}resumptionToken")
    if token is not None and token.text:
        verb = query.split("&")[0]
        tree = response_tree(client, f"{verb}&resumptionToken={token.text}")
        assert SCHEMA.validate(tree), SCHEMA.error_log
    for record in tree.iter(f"{OAI}record"):
        (dc,) = record.find(f"{OAI}metadata")
        assert dc.tag == "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
        names = {etree.QName(child).localname for child in dc}
        assert {etree.QName(child).namespace for child in dc} == {DC}
        assert names <= DC_ELEMENTS
