"""
The one way dates and times are written for readers, in each of the seven languages.

Babel formats them with the Unicode CLDR patterns of the reader's language ("22 ธ.ค. 2026",
"2026年12月22日"), so a date reads the same on the home page, the meetings pages and in
emails. Machine formats (iCal, feeds, OAI-PMH, JSON, `datetime=` attributes) are not for
readers and keep ISO 8601. Templates use the filters of `portal_dates`.
"""

from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_timezone_location
from django.utils import timezone

from portal.cldr import babel_locale


def _zone(zone: tzinfo | str | None) -> tzinfo:
    if zone is None:
        return timezone.get_current_timezone()
    return ZoneInfo(zone) if isinstance(zone, str) else zone


def _local(value: datetime, zone: tzinfo | str | None = None) -> datetime:
    if timezone.is_naive(value):
        return value
    return timezone.localtime(value, _zone(zone))


def machine_datetime(value: date | datetime | None) -> str:
    """The `datetime=` attribute of a <time>: ISO 8601 to the second ("2026-12-22T18:50:00+07:00").

    HTML allows at most three digits of a second's fraction; Django's `date:'c'` writes six,
    which the Nu HTML checker rejects, and readers gain nothing from them.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def date_medium(value: date | datetime | None, language: str | None = None) -> str:
    """A day: "Dec 22, 2026", "22 ธ.ค. 2026" (a datetime: its day in the active zone)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = _local(value).date()
    return format_date(value, "medium", locale=babel_locale(language))


def datetime_medium(
    value: datetime | None, zone: tzinfo | str | None = None, language: str | None = None
) -> str:
    """A moment on the clock of `zone` (default: the active zone): "Dec 22, 2026, 6:50 PM"."""
    if value is None or value == "":
        return ""
    locale = babel_locale(language)
    local = _local(value, zone)
    pattern = str(locale.datetime_formats["medium"])
    return pattern.replace("{1}", format_date(local, "medium", locale=locale)).replace(
        "{0}", format_time(local, "short", locale=locale)
    )


def zone_label(zone: tzinfo | str, when: datetime | None = None, language=None) -> str:
    """A zone named by its city and offset: "Yangon, UTC+6:30", "ย่างกุ้ง, UTC+6:30"."""
    zone = _zone(zone)
    when = when or timezone.now()
    offset = timezone.localtime(when, zone).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    utc = f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "") if minutes else "UTC"
    key = getattr(zone, "key", str(zone))
    if key == "UTC":
        return utc
    city = get_timezone_location(key, locale=babel_locale(language), return_city=True)
    return f"{city}, {utc}"


def datetime_in_zone(
    value: datetime | None, zone: tzinfo | str | None = None, language: str | None = None
) -> str:
    """A moment on the clock of `zone`, the zone named: "Dec 22, 2026, 6:50 PM (Bangkok, UTC+7)"."""
    if value is None or value == "":
        return ""
    zone = _zone(zone)
    label = zone_label(zone, value, language)
    return f"{datetime_medium(value, zone, language)} ({label})"
