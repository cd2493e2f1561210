"""
OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html) at /oai, so
library catalogues and aggregators can harvest the library's public records in
Dublin Core (oai_dc). Restricted publications do not exist for the protocol.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from knowledge.models import ExploitationForm, PublicationPage, SpaArea, publications_for
from portal.models import Country
from portal.params import BadParameter, has_control_characters, parse_int
from portal.permissions import ANONYMOUS

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ET.register_namespace("", OAI_NS)
ET.register_namespace("oai_dc", OAI_DC_NS)
ET.register_namespace("dc", DC_NS)
ET.register_namespace("xsi", XSI_NS)

PAGE_SIZE = 50
# A harvest pauses between pages; a day is plenty, and an old token's offset may no
# longer point where it did (spec 3.5: the token's expirationDate).
TOKEN_LIFETIME = timedelta(hours=24)
RESUMPTION_TOKEN_SALT = "knowledge.oai.resumption-token"  # noqa: S105 - a namespace, not a secret
DATESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
METADATA_FORMATS = {
    "oai_dc": (
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        OAI_DC_NS,
    )
}
# Arguments each verb accepts: (required, optional). A resumption token is exclusive.
VERB_ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
}


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _q(name: str, namespace: str = OAI_NS) -> str:
    return f"{{{namespace}}}{name}"


def _sub(parent, name: str, text: str | None = None, namespace: str = OAI_NS, **attributes):
    element = ET.SubElement(parent, _q(name, namespace), attributes)
    if text is not None:
        element.text = text
    return element


def _datestamp(moment: datetime | None) -> str:
    moment = moment or timezone.now()
    return moment.astimezone(UTC).strftime(DATESTAMP_FORMAT)


def _parse_date(value: str, *, end_of_day: bool) -> datetime:
    for pattern in (DATESTAMP_FORMAT, "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(value, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
        if pattern == "%Y-%m-%d" and end_of_day:
            parsed = parsed.replace(hour=23, minute=59, second=59)
        return parsed
    raise OAIError("badArgument", f"'{value}' is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).")


def _repository_host(request) -> str:
    return request.get_host().split(":")[0]


def _identifier(request, publication) -> str:
    return f"oai:{_repository_host(request)}:publication/{publication.pk}"


def _publication_for_identifier(request, identifier: str) -> PublicationPage:
    prefix = f"oai:{_repository_host(request)}:publication/"
    local = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
    publication = None
    try:
        pk = parse_int(local, minimum=1)
    except BadParameter:
        pk = None
    if pk is not None:
        publication = publications_for(ANONYMOUS).filter(pk=pk).first()
    if publication is None:
        raise OAIError("idDoesNotExist", f"No record has the identifier '{identifier}'.")
    return publication


# Arguments ----------------------------------------------------------------------------


def _arguments(request) -> dict[str, str]:
    source = request.POST if request.method == "POST" else request.GET
    arguments = {}
    for key in source:
        values = source.getlist(key)
        # XML cannot carry a NUL or most other control characters, and the arguments are
        # echoed into the response: refuse them before anything else reads them.
        if has_control_characters(key) or any(has_control_characters(v) for v in values):
            raise OAIError("badArgument", "Arguments cannot contain control characters.")
        if len(values) > 1:
            raise OAIError("badArgument", f"The argument '{key}' is repeated.")
        arguments[key] = values[0]
    return arguments


def _check_arguments(verb: str, arguments: dict[str, str]) -> None:
    required, optional = VERB_ARGUMENTS[verb]
    given = set(arguments) - {"verb"}
    unknown = given - required - optional
    if unknown:
        raise OAIError("badArgument", f"{verb} does not take {', '.join(sorted(unknown))}.")
    if "resumptionToken" in given:
        if given != {"resumptionToken"}:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
        return
    missing = required - given
    if missing:
        raise OAIError("badArgument", f"{verb} needs {', '.join(sorted(missing))}.")


def _encode_token(state: dict) -> str:
    """The harvest's state, signed: a harvester can hand it back but not forge or edit it."""
    return signing.dumps(state, salt=RESUMPTION_TOKEN_SALT, compress=True)


def _decode_token(token: str) -> dict:
    """The state a token of ours carries; badResumptionToken for anything else (or expired)."""
    try:
        state = signing.loads(token, salt=RESUMPTION_TOKEN_SALT, max_age=TOKEN_LIFETIME)
    except (signing.BadSignature, ValueError, UnicodeError) as error:
        raise OAIError("badResumptionToken", "The resumption token is not valid.") from error
    # Signed by us, but checked again: a token from an older release may have another shape.
    if not (
        isinstance(state, dict)
        and type(state.get("offset")) is int
        and state["offset"] > 0
        and state.get("metadataPrefix") in METADATA_FORMATS
        and all(isinstance(state.get(key, ""), str) for key in ("from", "until", "set"))
    ):
        raise OAIError("badResumptionToken", "The resumption token is not valid.")
    return state


# Record selection -------------------------------------------------------------------


def _selection(arguments: dict[str, str]) -> dict:
    if "resumptionToken" in arguments:
        return _decode_token(arguments["resumptionToken"])
    prefix = arguments["metadataPrefix"]
    if prefix not in METADATA_FORMATS:
        raise OAIError("cannotDisseminateFormat", f"'{prefix}' is not a supported format.")
    state = {"offset": 0, "metadataPrefix": prefix}
    for key in ("from", "until", "set"):
        if key in arguments:
            state[key] = arguments[key]
    if "from" in state and "until" in state and len(state["from"]) != len(state["until"]):
        raise OAIError("badArgument", "'from' and 'until' must have the same granularity.")
    return state


def _records(state: dict):
    publications = publications_for(ANONYMOUS).order_by("pk")
    try:
        if "from" in state:
            since = _parse_date(state["from"], end_of_day=False)
            publications = publications.filter(last_published_at__gte=since)
        if "until" in state:
            until = _parse_date(state["until"], end_of_day=True)
            publications = publications.filter(last_published_at__lte=until)
        if "from" in state and "until" in state and since > until:
            raise OAIError("badArgument", "'from' is later than 'until'.")
    except OAIError as error:
        if state.get("offset"):
            raise OAIError("badResumptionToken", "The resumption token is not valid.") from error
        raise
    set_spec = state.get("set")
    if set_spec:
        kind, _sep, value = set_spec.partition(":")
        if kind == "area" and SpaArea.objects.filter(slug=value).exists():
            publications = publications.filter(areas__slug=value)
        elif kind == "form" and ExploitationForm.objects.filter(slug=value).exists():
            publications = publications.filter(forms__slug=value)
        elif kind == "country" and Country.objects.filter(code=value.upper()).exists():
            publications = publications.filter(countries__code=value.upper())
        else:
            raise OAIError("badArgument", f"There is no set '{set_spec}'.")
    return publications.distinct()


# Verbs ------------------------------------------------------------------------------


def _identify(request, root, arguments):
    element = _sub(root, "Identify")
    _sub(element, "repositoryName", settings.WAGTAIL_SITE_NAME)
    _sub(element, "baseURL", request.build_absolute_uri("/oai"))
    _sub(element, "protocolVersion", "2.0")
    _sub(element, "adminEmail", parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@example.org")
    earliest = publications_for(ANONYMOUS).order_by("last_published_at").first()
    _sub(element, "earliestDatestamp", _datestamp(earliest.last_published_at if earliest else None))
    _sub(element, "deletedRecord", "no")
    _sub(element, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def _list_metadata_formats(request, root, arguments):
    if "identifier" in arguments:
        _publication_for_identifier(request, arguments["identifier"])
    element = _sub(root, "ListMetadataFormats")
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        metadata_format = _sub(element, "metadataFormat")
        _sub(metadata_format, "metadataPrefix", prefix)
        _sub(metadata_format, "schema", schema)
        _sub(metadata_format, "metadataNamespace", namespace)


def _list_sets(request, root, arguments):
    if "resumptionToken" in arguments:
        raise OAIError("badResumptionToken", "ListSets is complete in one response.")
    element = _sub(root, "ListSets")
    sets = [(f"area:{a.slug}", a.name) for a in SpaArea.objects.all()]
    sets += [(f"form:{f.slug}", f.name) for f in ExploitationForm.objects.all()]
    sets += [(f"country:{c.code}", c.name) for c in Country.objects.all()]
    for spec, name in sets:
        oai_set = _sub(element, "set")
        _sub(oai_set, "setSpec", spec)
        _sub(oai_set, "setName", name)


def _header(request, parent, publication):
    header = _sub(parent, "header")
    _sub(header, "identifier", _identifier(request, publication))
    _sub(header, "datestamp", _datestamp(publication.last_published_at))
    for area in publication.areas.all():
        _sub(header, "setSpec", f"area:{area.slug}")
    for form in publication.forms.all():
        _sub(header, "setSpec", f"form:{form.slug}")
    for country in publication.countries.all():
        _sub(header, "setSpec", f"country:{country.code}")


def _dublin_core(request, parent, publication):
    metadata = _sub(parent, "metadata")
    dc = ET.SubElement(
        metadata,
        _q("dc", OAI_DC_NS),
        {
            _q(
                "schemaLocation", XSI_NS
            ): f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        },
    )

    def add(name: str, value: str):
        if value:
            _sub(dc, name, value, namespace=DC_NS)

    add("title", publication.title + (f": {publication.subtitle}" if publication.subtitle else ""))
    for name in publication.author_names:
        add("creator", name)
    for term in [*publication.areas.all(), *publication.forms.all()]:
        add("subject", term.name)
    for tag in publication.tag_names:
        add("subject", tag)
    add("description", publication.summary)
    add("publisher", publication.publisher)
    if publication.publication_date:
        add("date", publication.publication_date.isoformat())
    add("type", "Text")
    if publication.publication_type:
        add("type", publication.publication_type.name)
    if publication.documents.exists():
        add("format", "application/pdf")
    add("identifier", publication.get_full_url(request) or "")
    if publication.doi:
        add("identifier", f"https://doi.org/{publication.doi}")
    if publication.isbn:
        add("identifier", f"ISBN {publication.isbn}")
    add("language", publication.language)
    for country in publication.countries.all():
        add("coverage", country.name)
    add("rights", publication.licence_url or publication.get_licence_display())
    for edition in publication.language_editions(ANONYMOUS):
        add("relation", edition.get_full_url(request) or "")


def _list(request, root, arguments, verb: str):
    state = _selection(arguments)
    records = _records(state)
    total = records.count()
    offset = state["offset"]
    if total == 0:
        raise OAIError("noRecordsMatch", "No record matches these arguments.")
    if offset >= total:
        raise OAIError("badResumptionToken", "The resumption token is out of date.")
    element = _sub(root, verb)
    for publication in records[offset : offset + PAGE_SIZE]:
        if verb == "ListIdentifiers":
            _header(request, element, publication)
        else:
            record = _sub(element, "record")
            _header(request, record, publication)
            _dublin_core(request, record, publication)
    if offset + PAGE_SIZE < total or offset:
        token = _sub(element, "resumptionToken", completeListSize=str(total), cursor=str(offset))
        if offset + PAGE_SIZE < total:
            token.text = _encode_token({**state, "offset": offset + PAGE_SIZE})
            token.set("expirationDate", _datestamp(timezone.now() + TOKEN_LIFETIME))


def _get_record(request, root, arguments):
    if arguments["metadataPrefix"] not in METADATA_FORMATS:
        raise OAIError(
            "cannotDisseminateFormat", f"'{arguments['metadataPrefix']}' is not a supported format."
        )
    publication = _publication_for_identifier(request, arguments["identifier"])
    record = _sub(_sub(root, "GetRecord"), "record")
    _header(request, record, publication)
    _dublin_core(request, record, publication)


VERBS = {
    "Identify": _identify,
    "ListMetadataFormats": _list_metadata_formats,
    "ListSets": _list_sets,
    "ListIdentifiers": lambda request, root, arguments: _list(
        request, root, arguments, "ListIdentifiers"
    ),
    "ListRecords": lambda request, root, arguments: _list(request, root, arguments, "ListRecords"),
    "GetRecord": _get_record,
}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def oai_pmh(request):
    """The OAI-PMH endpoint. Protocol errors are answered with status 200, as OAI-PMH requires."""
    root = ET.Element(
        _q("OAI-PMH"),
        {_q("schemaLocation", XSI_NS): f"{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"},
    )
    _sub(root, "responseDate", _datestamp(timezone.now()))
    request_element = _sub(root, "request", request.build_absolute_uri("/oai"))
    try:
        arguments = _arguments(request)
        verb = arguments.get("verb")
        if verb not in VERBS:
            raise OAIError("badVerb", "The verb is missing or is not an OAI-PMH verb.")
        _check_arguments(verb, arguments)
        for key, value in arguments.items():
            request_element.set(key, value)
        VERBS[verb](request, root, arguments)
    except OAIError as error:
        # After badVerb or badArgument the echoed request carries no arguments (spec 3.6).
        if error.code in {"badVerb", "badArgument"}:
            request_element.attrib.clear()
        for child in list(root)[2:]:
            root.remove(child)
        _sub(root, "error", error.message, code=error.code)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
