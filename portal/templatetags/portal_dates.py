"""Template filters for dates and names in the reader's language (portal/dates.py)."""

from django import template

from portal import dates
from portal.cldr import language_name as _language_name

register = template.Library()


@register.filter
def machine_datetime(value):
    """<time datetime="{{ post.created_at|machine_datetime }}">: ISO 8601, whole seconds."""
    return dates.machine_datetime(value)


@register.filter
def date_medium(value):
    """{{ publication.publication_date|date_medium }} -> "22 ธ.ค. 2026"."""
    return dates.date_medium(value)


@register.filter
def datetime_medium(value, zone=None):
    """{{ post.created_at|datetime_medium }}: the reader's zone, or the one given."""
    return dates.datetime_medium(value, zone or None)


@register.filter
def datetime_in_zone(value, zone=None):
    """{{ page.closes_at|datetime_in_zone:page.time_zone }}: the zone named after the time."""
    return dates.datetime_in_zone(value, zone or None)


@register.filter
def language_name(code):
    """{{ hit.language|language_name }} -> "ไทย" on a Thai page, not "th"."""
    return _language_name(code)
