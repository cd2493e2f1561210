"""Meeting pages: the index at /meetings/ and one page per meeting, with its agenda."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from meetings.presentation import meeting_page_context
from meetings.timezones import (
    DEFAULT_READER_TIME_ZONE,
    READER_TZ_COOKIE,
    VENUE_TIME_ZONES,
    ZONE_NAMES,
)
from portal.cldr import language_name
from portal.languages import ReaderLanguagePage
from portal.models import AccessControlled, Country
from portal.params import parse_bounded_int
from portal.permissions import can_view, filter_viewable, viewer_for_request
from portal.refusals import refuse


class MeetingType(models.TextChoices):
    SOM = "som", _("Senior Officials Meeting")
    IMM = "imm", _("Inter-Ministerial Meeting")
    TASK_FORCE = "task_force", _("Task Force meeting")
    YOUTH_FORUM = "youth_forum", _("Youth Forum session")
    CSO_PLATFORM = "cso_platform", _("CSO Platform meeting")
    WORKING_GROUP = "working_group", _("Working group")
    RESEARCH_NETWORK = "research_network", _("Research network meeting")


class MeetingPageForm(WagtailAdminPageForm):
    """
    Editors type start and end in the venue's local time, whatever their own zone.

    Django would read the typed times in the site's zone (Bangkok); a Yangon meeting
    would then be half an hour off. The form shows stored times in the venue's zone
    and reads typed times in it.
    """

    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        venue_zone = ZoneInfo(self.instance.venue_timezone or DEFAULT_READER_TIME_ZONE)
        for name in ("start", "end"):
            value = getattr(self.instance, name)
            if value is not None and name in self.fields:
                self.initial[name] = timezone.localtime(value, venue_zone).replace(tzinfo=None)
            if name in self.fields:
                self.fields[name].help_text = _("In the venue's local time.")

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("venue_timezone") or DEFAULT_READER_TIME_ZONE
        venue_zone = ZoneInfo(zone_name)
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is not None:
                # The field made it aware in the site's zone; keep the wall-clock reading.
                wall_clock = timezone.localtime(value).replace(tzinfo=None)
                cleaned[name] = wall_clock.replace(tzinfo=venue_zone)
        return cleaned


# The years the index can filter by: any a meeting of the portal could take place in.
MIN_YEAR, MAX_YEAR = 1990, 2200


class MeetingIndexPage(ReaderLanguagePage, Page):
    """All meetings, upcoming and past, filtered by what the reader may see."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.MeetingPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("meeting index")

    def meetings_in_locale(self):
        """
        Meetings in this index's language, and the English ones not translated into it:
        an index in Thai (an alias of the English index) lists every meeting.
        """
        live = MeetingPage.objects.live()
        here = live.filter(locale=self.locale)
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return here
        untranslated = live.filter(locale__language_code=settings.LANGUAGE_CODE).exclude(
            translation_key__in=here.values("translation_key")
        )
        return live.filter(
            pk__in=[*here.values_list("pk", flat=True), *untranslated.values_list("pk", flat=True)]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        viewer = viewer_for_request(request)
        meetings = filter_viewable(viewer, self.meetings_in_locale().select_related("host_country"))
        countries = Country.objects.filter(is_commit_member=True)
        # A filter value that is not one of the choices is ignored, so a mistyped or
        # crafted link still lists the meetings instead of failing.
        meeting_type = request.GET.get("type", "")
        country = request.GET.get("country", "").upper()
        year = parse_bounded_int(request.GET.get("year", ""), minimum=MIN_YEAR, maximum=MAX_YEAR)
        chosen = {
            "type": meeting_type if meeting_type in MeetingType.values else "",
            "country": country if any(c.code == country for c in countries) else "",
            "year": str(year) if year is not None else "",
        }
        if chosen["type"]:
            meetings = meetings.filter(meeting_type=chosen["type"])
        if chosen["country"]:
            meetings = meetings.filter(host_country__code=chosen["country"])
        if year is not None:
            meetings = meetings.filter(start__year=year)
        now = timezone.now()
        context.update(
            {
                "upcoming": meetings.filter(end__gte=now).order_by("start"),
                "past": meetings.filter(end__lt=now).order_by("-start"),
                "chosen": chosen,
                "meeting_types": MeetingType.choices,
                "countries": countries,
            }
        )
        return context


class MeetingPage(ReaderLanguagePage, AccessControlled, Page):
    """
    One meeting. Who sees it is its audience (`AccessControlled`, asked through
    `portal.permissions`); its papers, minutes and actions follow it, and papers carry
    their own, possibly narrower, access.
    """

    meeting_type = models.CharField(_("type"), max_length=20, choices=MeetingType.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    venue_timezone = models.CharField(
        _("venue time zone"),
        max_length=40,
        choices=VENUE_TIME_ZONES,
        default=DEFAULT_READER_TIME_ZONE,
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    online_link = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Shown only to registered participants and the secretariat."),
    )
    host_country = models.ForeignKey(
        "portal.Country",
        verbose_name=_("host country"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    summary = RichTextField(_("summary"), blank=True, features=["bold", "italic", "link", "ul"])
    capacity = models.PositiveIntegerField(
        _("capacity (in person)"),
        null=True,
        blank=True,
        help_text=_("Seats in the room. Online participation is not limited. Empty: no limit."),
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    delegations = ParentalManyToManyField(
        "portal.StakeholderGroup",
        verbose_name=_("participating delegations"),
        blank=True,
        related_name="+",
        limit_choices_to={"role": "government"},
        help_text=_("The government delegations that comment on and sign off the minutes."),
    )

    base_form_class = MeetingPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("meeting_type"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("venue_timezone"),
                FieldPanel("venue"),
                FieldPanel("online_link"),
                FieldPanel("host_country"),
                FieldPanel("languages"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("access_level"),
                FieldPanel("allowed_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("delegations", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Audience"),
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("registration_deadline")],
            heading=_("Registration"),
        ),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("Agenda item")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("venue"),
        index.FilterField("meeting_type"),
        index.FilterField("access_level"),
        index.FilterField("start"),
    ]
    # The API must not leak restricted meetings; its endpoint has to filter with
    # portal.permissions before these fields are read (see the report for issue 7).
    api_fields = [
        APIField("meeting_type"),
        APIField("start"),
        APIField("end"),
        APIField("venue_timezone"),
        APIField("venue"),
        APIField("languages"),
        APIField("access_level"),
    ]

    parent_page_types = ["meetings.MeetingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The meeting must end after it starts.")})
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            raise ValidationError(
                {"registration_deadline": _("Registration must close before the meeting ends.")}
            )

    # Times ------------------------------------------------------------------------

    @property
    def venue_zone(self) -> ZoneInfo:
        return ZoneInfo(self.venue_timezone or DEFAULT_READER_TIME_ZONE)

    def local_start(self, zone: ZoneInfo | None = None):
        return timezone.localtime(self.start, zone or self.venue_zone)

    def local_end(self, zone: ZoneInfo | None = None):
        return timezone.localtime(self.end, zone or self.venue_zone)

    @property
    def is_upcoming(self) -> bool:
        return self.end >= timezone.now()

    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]

    # Serving ----------------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        viewer = viewer_for_request(request)
        if not can_view(viewer, self):
            return refuse(request, viewer)
        response = super().serve(request, *args, **kwargs)
        zone_name = request.GET.get("tz")
        if zone_name in ZONE_NAMES:
            response.set_cookie(
                READER_TZ_COOKIE, zone_name, max_age=365 * 24 * 3600, samesite="Lax"
            )
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(meeting_page_context(request, self))
        return context


class AgendaItem(Orderable):
    """One item of a meeting's agenda, in order."""

    meeting = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(_("number"), max_length=10, help_text=_("For example 3 or 3.1."))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.TimeField(
        _("time"), null=True, blank=True, help_text=_("In the venue's local time.")
    )
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    presenters = models.CharField(_("presenters"), max_length=255, blank=True)
    outcome = models.TextField(_("outcome note"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("title")]),
        FieldPanel("description"),
        FieldRowPanel(
            [FieldPanel("starts_at"), FieldPanel("duration_minutes"), FieldPanel("presenters")]
        ),
        FieldPanel("outcome"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return f"{self.number} {self.title}"
