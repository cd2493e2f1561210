"""Admin menu entries for the moderation and safeguarding queues, shown to those who use them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from forums.access import can_handle_case
from portal.permissions import can_moderate, viewer_for_request


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(viewer_for_request(request))


class SafeguardingMenuItem(MenuItem):
    def is_shown(self, request):
        return can_handle_case(viewer_for_request(request))


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Moderation queue"), reverse("forums:moderation"), icon_name="warning", order=260
    )


@hooks.register("register_admin_menu_item")
def register_safeguarding_menu_item():
    return SafeguardingMenuItem(
        _("Safeguarding queue"), reverse("forums:safeguarding"), icon_name="warning", order=261
    )
