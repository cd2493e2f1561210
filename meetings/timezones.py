"""The time zones a meeting's venue and a reader may choose (DOMAIN.md, "Time zones")."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from portal.dates import datetime_medium

VENUE_TIME_ZONES = [
    ("Asia/Bangkok", _("Bangkok (UTC+7)")),
    ("Asia/Phnom_Penh", _("Phnom Penh (UTC+7)")),
    ("Asia/Vientiane", _("Vientiane (UTC+7)")),
    ("Asia/Ho_Chi_Minh", _("Ho Chi Minh City, Hanoi (UTC+7)")),
    ("Asia/Shanghai", _("Beijing, Kunming (UTC+8)")),
    ("Asia/Yangon", _("Yangon, Nay Pyi Taw (UTC+6:30)")),
    ("UTC", _("UTC")),
]
ZONE_NAMES = frozenset(name for name, _label in VENUE_TIME_ZONES)
DEFAULT_READER_TIME_ZONE = "Asia/Bangkok"
# The reader's choice of zone, remembered without a profile field.
READER_TZ_COOKIE = "meetings_tz"


def reader_zone_name(request) -> str:
    """The reader's zone: ?tz=, else the cookie set by an earlier ?tz=, else Bangkok."""
    for candidate in (request.GET.get("tz"), request.COOKIES.get(READER_TZ_COOKIE)):
        if candidate in ZONE_NAMES:
            return candidate
    return DEFAULT_READER_TIME_ZONE


def format_in_zone(value: datetime, zone_name: str) -> str:
    """`value` on the clock of `zone_name`, in the reader's language ("Mar 9, 2026, 9:00 AM");
    the page names the zone once next to it (portal.dates.zone_label)."""
    return datetime_medium(value, ZoneInfo(zone_name))
