from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """Top-level pages marked "show in menus", in the reader's language where translated."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "menu_pages": []}
    # The menu is defined once, on the default-language tree; each entry links to
    # its translation in the reader's language where one exists.
    home = site.root_page.localized
    menu_pages = site.root_page.get_children().live().in_menu().public().specific()
    current = context.get("page")
    return {
        "home": home,
        "menu_pages": [page.localized for page in menu_pages],
        "current_path": current.url_path if current else "",
    }
