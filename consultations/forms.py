"""The consultation page's admin form: opening and closing times in the consultation's zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

ZONED_FIELDS = ("opens_at", "closes_at")


class ConsultationPageForm(WagtailAdminPageForm):
    """
    The secretariat types "23:59" meaning 23:59 where the consultation runs, not where
    the server runs: the times are shown and read in the page's chosen time zone.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = ZoneInfo(self.instance.time_zone or "UTC")
        for name in ZONED_FIELDS:
            if name not in self.fields:
                continue
            self.fields[name].help_text = _("In the time zone chosen below.")
            value = getattr(self.instance, name, None)
            if value is not None:
                # Naive on purpose: the widget would otherwise convert it to the server's zone.
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned_data = super().clean()
        zone = ZoneInfo(cleaned_data.get("time_zone") or self.instance.time_zone or "UTC")
        for name in ZONED_FIELDS:
            value = cleaned_data.get(name)
            if value is not None:
                # The field read the typed wall-clock time in the server's zone; read it again
                # in the consultation's.
                typed = timezone.make_naive(value)
                cleaned_data[name] = timezone.make_aware(typed, zone)
        return cleaned_data
