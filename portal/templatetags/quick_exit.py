"""The quick-exit bar of Youth Forum and safeguarding pages (`{% quick_exit %}`)."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("includes/quick_exit.html")
def quick_exit():
    """A visible way out to a neutral site, for readers who may be watched or at risk."""
    return {"quick_exit_url": settings.QUICK_EXIT_URL}
