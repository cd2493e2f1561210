"""
OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html) at /oai, so
library catalogues and aggregators can harvest the library's public records in
Dublin Core (oai_dc). Restricted publications do not exist for the protocol.

Choices the specification leaves open, as a harvester sees them:
- identifiers are `oai:<settings.OAI_REPOSITORY_IDENTIFIER>:publication/<id>`, one per
  record whatever host name the request used;
- datestamps have seconds granularity; `until` includes the whole of its second (or day),
  so a record stored at 11:53:41.4 is in `until=...T11:53:41Z`;
- resumption tokens are signed (django.core.signing) and expire after TOKEN_LIFETIME;
  anything else is badResumptionToken;
- sets: `area`, `form` and `country`, each with a child per term (`area:protection`,
  `country:TH`); a record is in the parent of each set it is in. A well-formed setSpec
  that names no set selects nothing (noRecordsMatch, as for a set with no records: the
  combination of arguments "results in an empty list", spec 3.6); a setSpec that breaks
  the setSpec syntax is badArgument;
- a repeated argument is badArgument, a repeated `verb` badVerb (spec 3.6).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from knowledge.models import ExploitationForm, PublicationPage, SpaArea, publications_for
from portal.models import Country
from portal.params import BadParameter, has_control_characters, parse_int
from portal.permissions import ANONYMOUS
from portal.site_root import absolute_url, page_url

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ET.register_namespace("", OAI_NS)
ET.register_namespace("oai_dc", OAI_DC_NS)
ET.register_namespace("dc", DC_NS)
ET.register_namespace("xsi", XSI_NS)

PAGE_SIZE = 50
# The setSpec syntax of the OAI-PMH schema (setSpecType).
SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
# The top-level sets: their names, and how a child term filters publications.
SECOND, DAY = timedelta(seconds=1), timedelta(days=1)
PARENT_SETS = {
    "area": _("SPA IV areas"),
    "form": _("Forms of exploitation"),
    "country": _("Countries covered"),
}
# The field a child set's value is matched against (country codes are upper case).
SET_RELATIONS = {"area": "areas__slug", "form": "forms__slug", "country": "countries__code"}
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


def _parse_date(value: str, *, after: bool) -> datetime:
    """
    The instant a `from` (after=False) or `until` (after=True) argument stands for.

    For `until` it is the first instant *after* the given second or day, to be compared
    with `<`: stored times have microseconds, datestamps only seconds, and a harvester that
    asks until the datestamp it was shown must get that record.
    """
    for pattern, step in (
        (DATESTAMP_FORMAT, timedelta(seconds=1)),
        ("%Y-%m-%d", timedelta(days=1)),
    ):
        try:
            parsed = datetime.strptime(value, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
        return parsed + step if after else parsed
    raise OAIError("badArgument", f"'{value}' is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).")


def _identifier_prefix() -> str:
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:publication/"


def _identifier(publication) -> str:
    return f"{_identifier_prefix()}{publication.pk}"


def _publication_for_identifier(identifier: str) -> PublicationPage:
    prefix = _identifier_prefix()
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
            if key == "verb":
                raise OAIError("badVerb", "The verb argument is repeated.")
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
            since = _parse_date(state["from"], after=False)
            publications = publications.filter(last_published_at__gte=since)
        if "until" in state:
            before = _parse_date(state["until"], after=True)
            publications = publications.filter(last_published_at__lt=before)
        if "from" in state and "until" in state and since >= before:
            raise OAIError("badArgument", "'from' is later than 'until'.")
    except OAIError as error:
        if state.get("offset"):
            raise OAIError("badResumptionToken", "The resumption token is not valid.") from error
        raise
    set_spec = state.get("set")
    if set_spec:
        if not SET_SPEC.fullmatch(set_spec):
            raise OAIError("badArgument", f"'{set_spec}' is not a setSpec.")
        publications = _in_set(publications, set_spec)
    return publications.distinct()


def _in_set(publications, set_spec: str):
    """The publications in set `set_spec`: none when it names no set (see the module doc)."""
    kind, _sep, value = set_spec.partition(":")
    relation = SET_RELATIONS.get(kind)
    if relation is None:
        return publications.none()
    if not value:
        return publications.filter(**{f"{relation}__isnull": False})
    return publications.filter(**{relation: value})


# Verbs ------------------------------------------------------------------------------


def _identify(request, root, arguments):
    element = _sub(root, "Identify")
    _sub(element, "repositoryName", settings.WAGTAIL_SITE_NAME)
    _sub(element, "baseURL", absolute_url("/oai"))
    _sub(element, "protocolVersion", "2.0")
    _sub(element, "adminEmail", parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@example.org")
    earliest = publications_for(ANONYMOUS).order_by("last_published_at").first()
    _sub(element, "earliestDatestamp", _datestamp(earliest.last_published_at if earliest else None))
    _sub(element, "deletedRecord", "no")
    _sub(element, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def _list_metadata_formats(request, root, arguments):
    if "identifier" in arguments:
        _publication_for_identifier(arguments["identifier"])
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
    sets = [("area", PARENT_SETS["area"])]
    sets += [(f"area:{a.slug}", a.name) for a in SpaArea.objects.all()]
    sets += [("form", PARENT_SETS["form"])]
    sets += [(f"form:{f.slug}", f.name) for f in ExploitationForm.objects.all()]
    sets += [("country", PARENT_SETS["country"])]
    sets += [(f"country:{c.code}", c.name) for c in Country.objects.all()]
    for spec, name in sets:
        oai_set = _sub(element, "set")
        _sub(oai_set, "setSpec", spec)
        _sub(oai_set, "setName", str(name))


def _header(request, parent, publication):
    header = _sub(parent, "header")
    _sub(header, "identifier", _identifier(publication))
    _sub(header, "datestamp", _datestamp(publication.last_published_at))
    members = [
        ("area", [area.slug for area in publication.areas.all()]),
        ("form", [form.slug for form in publication.forms.all()]),
        ("country", [country.code for country in publication.countries.all()]),
    ]
    for parent_spec, values in members:
        # A record in a child set is in its parent too; the header says so (spec 4.6).
        if values:
            _sub(header, "setSpec", parent_spec)
        for value in values:
            _sub(header, "setSpec", f"{parent_spec}:{value}")


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
    add("identifier", page_url(publication))
    if publication.doi:
        add("identifier", f"https://doi.org/{publication.doi}")
    if publication.isbn:
        add("identifier", f"ISBN {publication.isbn}")
    add("language", publication.language)
    for country in publication.countries.all():
        add("coverage", country.name)
    add("rights", publication.licence_url or publication.get_licence_display())
    for edition in publication.language_editions(ANONYMOUS):
        add("relation", page_url(edition))


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
    publication = _publication_for_identifier(arguments["identifier"])
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
    request_element = _sub(root, "request", absolute_url("/oai"))
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
