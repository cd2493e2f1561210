"""/oai answers the OAI-PMH 2.0 verbs with valid XML and the protocol's error codes."""

import base64
import datetime
import json
import xml.etree.ElementTree as ET

import pytest

from knowledge import oai

pytestmark = pytest.mark.django_db

NS = {"oai": oai.OAI_NS, "dc": oai.DC_NS, "oai_dc": oai.OAI_DC_NS}


def harvest(client, **params):
    response = client.get("/oai", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response; raises if malformed
    assert root.tag == f"{{{oai.OAI_NS}}}OAI-PMH"
    # Every response starts with responseDate and request (protocol section 3.2).
    assert [child.tag.split("}")[1] for child in root][:2] == ["responseDate", "request"]
    return root


def error_code(root):
    error = root.find("oai:error", NS)
    return error.get("code") if error is not None else None


def identifiers(root):
    return [element.text for element in root.iterfind(".//oai:header/oai:identifier", NS)]


def test_identify(client, publications):
    root = harvest(client, verb="Identify")
    identify = root.find("oai:Identify", NS)
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://127.0.0.1:8000/oai"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"


def test_list_metadata_formats(client, publications):
    root = harvest(client, verb="ListMetadataFormats")
    assert root.findtext(".//oai:metadataPrefix", namespaces=NS) == "oai_dc"


def test_list_sets_by_area_and_country(client, publications):
    specs = {e.text for e in harvest(client, verb="ListSets").iterfind(".//oai:setSpec", NS)}
    assert {"area:protection", "country:TH"} <= specs


def test_list_records_has_only_public_publications_in_dublin_core(client, publications):
    root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
    titles = [e.text for e in root.iterfind(".//dc:title", NS)]
    assert titles == ["Trafficking in the fishing sector"]
    assert root.findtext(".//dc:language", namespaces=NS) == "en"


def test_list_identifiers_and_get_record(client, publications):
    (identifier,) = identifiers(harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc"))
    record = harvest(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    assert record.findtext(".//dc:title", namespaces=NS) == "Trafficking in the fishing sector"


def test_a_restricted_publication_does_not_exist_for_oai(client, publications):
    identifier = f"oai:commit-portal.localhost:publication/{publications['groups'].pk}"
    root = harvest(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    assert error_code(root) == "idDoesNotExist"


def test_sets_filter_records(client, publications):
    assert identifiers(
        harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="country:TH")
    )
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="country:KH")
    assert error_code(root) == "noRecordsMatch"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Delete"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "last tuesday"},
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2020-01-01",
                "until": "2020-01-01T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "area:astrology"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "astrology"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "area:a b"},
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "area:"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        (
            {
                "verb": "GetRecord",
                "identifier": "oai:commit-portal.localhost:publication/999999",
                "metadataPrefix": "oai_dc",
            },
            "idDoesNotExist",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "1990-01-01"},
            "noRecordsMatch",
        ),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        (
            {"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"},
            "badArgument",
        ),
    ],
)
def test_errors_carry_the_protocols_codes(client, publications, params, code):
    root = harvest(client, **params)
    assert error_code(root) == code
    if code in {"badVerb", "badArgument"}:
        assert root.find("oai:request", NS).attrib == {}


def test_a_repeated_verb_is_a_bad_verb_and_other_repeats_a_bad_argument(client, publications):
    # Spec 3.6: badVerb covers "the verb argument is repeated".
    root = ET.fromstring(client.get("/oai?verb=Identify&verb=Identify").content)  # noqa: S314
    assert error_code(root) == "badVerb"
    query = "/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc"
    root = ET.fromstring(client.get(query).content)  # noqa: S314
    assert error_code(root) == "badArgument"
    assert root.find("oai:request", NS).attrib == {}


def test_until_includes_records_stamped_within_its_second(client, publish):
    publication = publish("stamped", title="Stamped mid-second")
    stamped = datetime.datetime(2026, 12, 1, 11, 53, 41, 400000, tzinfo=datetime.UTC)
    type(publication).objects.filter(pk=publication.pk).update(last_published_at=stamped)
    (datestamp,) = [
        e.text
        for e in harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc").iterfind(
            ".//oai:datestamp", NS
        )
    ]
    assert datestamp == "2026-12-01T11:53:41Z"
    for until in (datestamp, "2026-12-01"):
        root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", until=until)
        assert len(identifiers(root)) == 1, until
    for since in (datestamp, "2026-12-01"):
        root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": since})
        assert len(identifiers(root)) == 1, since
    root = harvest(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", until="2026-12-01T11:53:40Z"
    )
    assert error_code(root) == "noRecordsMatch"
    root = harvest(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2026-12-01T11:53:42Z"}
    )
    assert error_code(root) == "noRecordsMatch"


def test_one_identity_per_record_whatever_the_host(client, publications, settings):
    settings.OAI_REPOSITORY_IDENTIFIER = "library.commit.example"
    settings.PORTAL_BASE_URL = "https://portal.commit.example"
    seen = set()
    for host in ("localhost", "127.0.0.1", "testserver"):
        response = client.get(
            "/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}, HTTP_HOST=host
        )
        root = ET.fromstring(response.content)  # noqa: S314
        seen.add(
            (
                tuple(identifiers(root)),
                root.findtext("oai:request", namespaces=NS),
                root.findtext(".//dc:identifier", namespaces=NS),
            )
        )
    ((ids, base_url, page_url),) = seen
    assert ids == (f"oai:library.commit.example:publication/{publications['public'].pk}",)
    assert base_url == "https://portal.commit.example/oai"
    assert page_url == "https://portal.commit.example/library/fishing-report/"


def test_parent_sets_are_listed_and_select_their_children(client, publications):
    sets = {
        e.findtext("oai:setSpec", namespaces=NS): e.findtext("oai:setName", namespaces=NS)
        for e in harvest(client, verb="ListSets").iterfind(".//oai:set", NS)
    }
    assert {"area", "form", "country", "area:protection", "country:TH"} <= set(sets)
    # Every child's parent is a listed set (the hierarchy the colons imply, spec 2.7.2).
    assert all(spec.split(":")[0] in sets for spec in sets)
    header = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc").find(
        ".//oai:header", NS
    )
    specs = [e.text for e in header.iterfind("oai:setSpec", NS)]
    assert {"area", "area:protection", "country", "country:TH"} <= set(specs)
    for parent in ("area", "country"):
        assert identifiers(
            harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=parent)
        )
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="form")
    assert error_code(root) == "noRecordsMatch"


def test_resumption_tokens_page_through_every_record(client, publish, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    for number in range(5):
        publish(f"paged-{number}")
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    seen = identifiers(root)
    token = root.find(".//oai:resumptionToken", NS)
    assert token.get("completeListSize") == "5"
    while token is not None and token.text:
        root = harvest(client, verb="ListIdentifiers", resumptionToken=token.text)
        seen += identifiers(root)
        token = root.find(".//oai:resumptionToken", NS)
    assert len(seen) == len(set(seen)) == 5


# Crafted input: protocol errors, well-formed XML, never a 500 -------------------------


def first_token(client, publish, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 1)
    publish("token-one")
    publish("token-two")
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    return root.find(".//oai:resumptionToken", NS)


def unsigned(state):
    return base64.urlsafe_b64encode(json.dumps(state).encode()).decode()


@pytest.mark.parametrize(
    "token",
    [
        unsigned({"offset": -5, "metadataPrefix": "oai_dc"}),
        unsigned({"offset": 1, "metadataPrefix": "oai_dc", "from": 5}),
        unsigned({"offset": 1, "metadataPrefix": "oai_dc", "set": ["area:protection"]}),
        unsigned({"offset": "1", "metadataPrefix": "oai_dc"}),
        unsigned([1, 2]),
        "%%%not base64²",
        "e30",
    ],
)
def test_crafted_resumption_tokens_are_bad_resumption_tokens(client, publications, token):
    root = harvest(client, verb="ListRecords", resumptionToken=token)
    assert error_code(root) == "badResumptionToken"


def test_a_tampered_resumption_token_is_refused(client, publish, monkeypatch):
    token = first_token(client, publish, monkeypatch)
    assert token.get("expirationDate")
    tampered = token.text[:-3] + ("AAA" if not token.text.endswith("AAA") else "BBB")
    root = harvest(client, verb="ListIdentifiers", resumptionToken=tampered)
    assert error_code(root) == "badResumptionToken"
    assert identifiers(harvest(client, verb="ListIdentifiers", resumptionToken=token.text))


def test_an_expired_resumption_token_is_refused(client, publish, monkeypatch):
    token = first_token(client, publish, monkeypatch)
    monkeypatch.setattr(oai, "TOKEN_LIFETIME", datetime.timedelta(seconds=-1))
    root = harvest(client, verb="ListIdentifiers", resumptionToken=token.text)
    assert error_code(root) == "badResumptionToken"


@pytest.mark.parametrize("local", ["²", "99999999999999999999999", "-1", "0", "1e3", "١٢", "1\x00"])
def test_crafted_identifiers_do_not_exist(client, publications, local):
    for verb, extra in [("GetRecord", {"metadataPrefix": "oai_dc"}), ("ListMetadataFormats", {})]:
        identifier = f"oai:commit-portal.localhost:publication/{local}"
        params = {"verb": verb, "identifier": identifier, **extra}
        root = harvest(client, **params)
        assert error_code(root) in {"idDoesNotExist", "badArgument"}


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "area:\x00"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "country:th\x0b"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc\x00"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020\x01"},
        {"verb": "Identify", "extra\x00": "1"},
        {"verb": "Identify\x00"},
        {"verb": "ListRecords", "resumptionToken": "\x00"},
    ],
)
def test_control_characters_are_a_bad_argument_in_well_formed_xml(client, publications, params):
    root = harvest(client, **params)
    assert error_code(root) in {"badArgument", "badVerb"}
    assert root.find("oai:request", NS).attrib == {}
