"""
Every URL pattern of the project, with path arguments filled from the seeded world.

Collection needs no database: a path argument is filled with a *symbol* ("@gov_meeting")
that the test resolves against the world, or with a literal hostile value.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from portal.params import DatabaseIdConverter

# Values that must give a 4xx (or a normal answer), never a 500.
HOSTILE_INTS = ["0", str(2**64), str(10**30)]
HOSTILE_STRINGS = ["0", "²", "-1"]

# Language-prefixed copies of the front-end patterns are the same views: only the
# default language is walked.
SKIPPED_PREFIXES = ()


@dataclass(frozen=True)
class Route:
    """A URL pattern as text with its arguments' converter kinds ("int" or "str")."""

    template: str
    view: str
    params: tuple[tuple[str, str], ...]

    @property
    def is_admin(self) -> bool:
        return self.template.startswith("admin/")


@dataclass(frozen=True)
class Case:
    route: Route
    values: tuple[tuple[str, str], ...]
    hostile: bool

    @property
    def id(self) -> str:
        filled = ",".join(f"{name}={value}" for name, value in self.values)
        return f"/{self.route.template}[{filled}]" if filled else f"/{self.route.template}"


_TYPED = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>(?:[^()]|\([^()]*\))*)\)")


def _pattern_text(pattern) -> tuple[str, list[tuple[str, str]]]:
    """The pattern as `{name}` placeholders, and its arguments with their kinds."""
    text = str(pattern.pattern)
    params: list[tuple[str, str]] = []
    if getattr(pattern.pattern, "converters", None) is not None and not text.startswith("^"):
        converters = pattern.pattern.converters

        def typed(match):
            name = match["name"]
            kind = (
                "int"
                if isinstance(converters.get(name), IntConverter | DatabaseIdConverter)
                else "str"
            )
            params.append((name, kind))
            return "{" + name + "}"

        return _TYPED.sub(typed, text), params

    def group(match):
        body = match["body"]
        kind = "int" if body in (r"\d+", "[0-9]+") else "str"
        params.append((match["name"], kind))
        return "{" + match["name"] + "}"

    text = _REGEX_GROUP.sub(group, text)
    # Unnamed groups (Wagtail's document route): an id, then a file name.
    if "(\\d+)" in text:
        params.append(("document_id", "int"))
        text = text.replace("(\\d+)", "{document_id}", 1)
    if "(.*)" in text:
        params.append(("filename", "str"))
        text = text.replace("(.*)", "{filename}", 1)
    text = text.removeprefix("^").removesuffix("$").replace("\\", "")
    # Optional parts and unnamed groups of a regex: take the shortest URL.
    text = re.sub(r"\([^()]*\)\?", "", text).replace("?", "")
    return text, params


def _walk(resolver, prefix: str, params: tuple) -> list[Route]:
    routes = []
    for entry in resolver.url_patterns:
        text, own = _pattern_text(entry)
        if isinstance(entry, URLResolver):
            routes.extend(_walk(entry, prefix + text, params + tuple(own)))
        elif isinstance(entry, URLPattern):
            routes.append(Route(prefix + text, entry.lookup_str, params + tuple(own)))
    return routes


def all_routes() -> list[Route]:
    """Every pattern of ROOT_URLCONF (Wagtail's catch-all page route is walked separately)."""
    return [
        route
        for route in _walk(get_resolver(), "", ())
        if route.view != "wagtail.views.serve" and not route.template.startswith(SKIPPED_PREFIXES)
    ]


def real_values(route: Route, name: str, kind: str) -> list[str]:
    """Symbols of seeded objects (resolved by the test) for one path argument."""
    template = route.template
    by_name = {
        "item_pk": ["@gov_agenda_item"],
        "attachment_id": ["@attachment"],
        "comment_id": ["@comment"],
        "number": ["1", "2"],
        "kind": ["organisation", "individual"],
        "fmt": ["csv", "xlsx"],
        "step": ["circulate", "adopt", "sign", "publish"],
        "slug": ["general", "cso-platform", "youth-forum"],
        "document_id": ["@document:0", "@document:2"],
        "filename": ["@document_filename"],
        "page_id": ["@gov_meeting"],
        "page_view_restriction_id": ["1"],
    }
    if name in by_name:
        return by_name[name]
    if name == "pk" or kind == "int":
        for start, symbols in (
            ("meetings/", ["@gov_meeting", "@public_meeting"]),
            ("forums/safeguarding/", ["@safeguarding_case"]),
            ("forums/threads/", ["@thread", "@cso_thread"]),
            ("forums/posts/", ["@hidden_post", "@deleted_post", "@held_post"]),
            ("consultations/", ["@consultation"]),
            ("api/v2/", ["@publication"]),
            ("admin/", ["@gov_meeting"]),
        ):
            if template.startswith(start):
                return symbols
        return ["@gov_meeting"]
    return ["x"]


def cases_for(route: Route) -> list[Case]:
    """The route with seeded ids, then (outside the admin) each argument made hostile."""
    params = route.params
    if not params:
        return [Case(route, (), hostile=False)]
    choices = [real_values(route, name, kind) for name, kind in params]
    cases = []
    # Each real value of each argument at least once, the others at their first value.
    seen = set()
    for position, values in enumerate(choices):
        for value in values:
            filled = tuple(
                (name, value if index == position else choices[index][0])
                for index, (name, _kind) in enumerate(params)
            )
            if filled not in seen:
                seen.add(filled)
                cases.append(Case(route, filled, hostile=False))
    if route.is_admin:
        return cases[:1]
    for position, (_name, kind) in enumerate(params):
        for value in HOSTILE_INTS if kind == "int" else HOSTILE_STRINGS:
            filled = tuple(
                (other, value if index == position else choices[index][0])
                for index, (other, _kind) in enumerate(params)
            )
            cases.append(Case(route, filled, hostile=True))
    return cases


def resolve_symbol(world, value: str) -> str:
    if not value.startswith("@"):
        return value
    symbol = value[1:]
    if symbol.startswith("document:"):
        return str(world.documents[int(symbol.split(":")[1])].pk)
    if symbol == "document_filename":
        return world.documents[0].filename
    if symbol == "comment":
        return str(world.comment_ids[0])
    return str(getattr(world, symbol).pk)


def url_for(world, case: Case) -> str:
    values = {name: resolve_symbol(world, value) for name, value in case.values}
    if values.get("filename") and "document_id" in values:
        # The file name that goes with the document (a hostile id keeps the first one's).
        by_id = {str(document.pk): document.filename for document in world.documents}
        values["filename"] = by_id.get(values["document_id"], values["filename"])
    return "/" + case.route.template.format(**values)
