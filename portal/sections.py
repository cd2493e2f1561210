"""
The home page's "what the portal offers" sections: a registry the core provides, so
the home page composes the apps without importing them.

Each app contributes its section (latest research, upcoming meetings, active
discussions, open consultations) by registering a provider in its
`AppConfig.ready()`. A provider receives the request and returns the items
that user may see, so need-to-know rules stay in the app that owns them.
Sections whose app has not registered a provider show their heading and an
empty-state message.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SectionItem:
    title: str
    url: str
    when: datetime | None = None
    summary: str = ""


@dataclass
class HomeSection:
    key: str
    title: Promise
    description: Promise
    empty_message: Promise
    provider: Callable[[HttpRequest], Sequence[SectionItem]] | None = None
    more_url: str = ""
    items: Sequence[SectionItem] = field(default_factory=tuple)


SECTIONS: dict[str, HomeSection] = {
    "research": HomeSection(
        key="research",
        title=_("Latest research"),
        description=_("Reports, policy briefs and data on trafficking in the Mekong region."),
        empty_message=_("No research has been published yet."),
    ),
    "meetings": HomeSection(
        key="meetings",
        title=_("Upcoming meetings"),
        description=_("Senior Officials, Task Force, Youth Forum and Civil Society meetings."),
        empty_message=_("No meetings are scheduled."),
    ),
    "discussions": HomeSection(
        key="discussions",
        title=_("Active discussions"),
        description=_("Youth Forum and Civil Society Platform threads."),
        empty_message=_("No discussions are open to you yet."),
    ),
    "consultations": HomeSection(
        key="consultations",
        title=_("Open consultations"),
        description=_("Give your input on the draft Sub-regional Plan of Action (SPA IV)."),
        empty_message=_("No consultation is open at the moment."),
    ),
}


def register_home_section(
    key: str, provider: Callable[[HttpRequest], Sequence[SectionItem]], more_url: str = ""
) -> None:
    """Called by an app at start-up to fill its section of the home page."""
    if key not in SECTIONS:
        raise KeyError(f"Unknown home section {key!r}; expected one of {sorted(SECTIONS)}.")
    SECTIONS[key].provider = provider
    SECTIONS[key].more_url = more_url


def home_sections(request: HttpRequest) -> list[HomeSection]:
    """The sections with the items this request's user may see."""
    filled = []
    for section in SECTIONS.values():
        items = tuple(section.provider(request)) if section.provider else ()
        filled.append(
            HomeSection(
                key=section.key,
                title=section.title,
                description=section.description,
                empty_message=section.empty_message,
                more_url=section.more_url,
                items=items,
            )
        )
    return filled
