"""The consultation page: who may take part, when, and the questions asked."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from consultations.forms import ConsultationPageForm
from consultations.presentation import (
    consultation_context,
    refuse_unless_readable,
    report_response,
)
from portal.languages import ReaderLanguagePage
from portal.models import AccessControlled

# The zones of the six COMMIT countries; readers see the deadline in the chosen one.
TIME_ZONE_CHOICES = [
    ("Asia/Bangkok", _("Bangkok, Phnom Penh, Vientiane, Hanoi (UTC+7)")),
    ("Asia/Ho_Chi_Minh", _("Ho Chi Minh City (UTC+7)")),
    ("Asia/Phnom_Penh", _("Phnom Penh (UTC+7)")),
    ("Asia/Vientiane", _("Vientiane (UTC+7)")),
    ("Asia/Shanghai", _("Beijing, Shanghai (UTC+8)")),
    ("Asia/Yangon", _("Yangon (UTC+6:30)")),
    ("UTC", _("UTC")),
]


class ConsultationPage(ReaderLanguagePage, RoutablePageMixin, AccessControlled, Page):
    """
    One SPA IV consultation. The draft text lives in `DraftRound`s; input in
    `Submission`s. The page itself is usually public so anyone can read the draft;
    only members of the eligible groups may submit.
    """

    introduction = models.TextField(_("introduction"), blank=True)
    eligible_groups = ParentalManyToManyField(
        "portal.StakeholderGroup",
        verbose_name=_("groups that may submit input"),
        blank=True,
        related_name="+",
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes (deadline)"))
    time_zone = models.CharField(
        _("time zone of the deadline"),
        max_length=40,
        choices=TIME_ZONE_CHOICES,
        default="Asia/Bangkok",
        help_text=_("Opening and closing times are shown to readers in this zone."),
    )
    allows_individual_youth_submissions = models.BooleanField(
        _("youth delegates may submit individually"), default=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("time_zone"),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("eligible_groups"),
        FieldPanel("allows_individual_youth_submissions"),
        InlinePanel("guiding_questions", label=_("Guiding questions")),
        # On the content tab, as for meetings and publications: one place for "who can see this".
        MultiFieldPanel(
            [FieldPanel("access_level"), FieldPanel("allowed_groups")],
            heading=_("Who can read this consultation"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    api_fields = [
        APIField("introduction"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("time_zone"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    base_form_class = ConsultationPageForm

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The deadline must come after the opening.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_opens_at(self):
        return timezone.localtime(self.opens_at, self.zone)

    @property
    def local_closes_at(self):
        return timezone.localtime(self.closes_at, self.zone)

    def current_round(self):
        return self.rounds.order_by("-number").first()

    def serve(self, request, *args, **kwargs):
        refusal = refuse_unless_readable(request, self)
        if refusal is not None:
            return refusal
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(consultation_context(request, self))
        return context

    @path("how-your-input-was-used/", name="report")
    def report(self, request):
        return report_response(request, self)


class GuidingQuestion(Orderable):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="guiding_questions")
    text = models.TextField(_("question"))

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("guiding question")
        verbose_name_plural = _("guiding questions")

    def __str__(self):
        return self.text
