from django import forms
from django.db import models
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from portal import admin_views
from portal.models import Country, Organisation, StakeholderGroup
from portal.permissions import (
    can_manage_memberships,
    can_view_page,
    only_password_protection_refuses,
    viewer_for_request,
)
from portal.refusals import refuse
from portal.staff_work import waiting_for

# Many-to-many choices in every admin form (who can see this, delegations, eligible groups,
# countries, indicators, parties) are ticked boxes: a plain multi-select needs Ctrl-click,
# which staff do not guess, and one wrong click there clears every other choice.
register_form_field_override(
    models.ManyToManyField, override={"widget": forms.CheckboxSelectMultiple}
)


@hooks.register("register_admin_urls", order=-1)
def register_checked_po_upload():
    # Ahead of wagtail-localize's own patterns: its "Upload PO file" address, checked first.
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            admin_views.upload_translation_po,
            name="portal_upload_translation_po",
        )
    ]


@hooks.register("register_admin_urls")
def register_membership_urls():
    return [
        path(
            "membership/requests/",
            admin_views.membership_requests,
            name="portal_admin_membership_requests",
        ),
        path(
            "membership/requests/<id:membership_id>/",
            admin_views.decide_membership,
            name="portal_admin_decide_membership",
        ),
        path(
            "membership/invite/", admin_views.send_invitation, name="portal_admin_send_invitation"
        ),
        path(
            "membership/members/<id:user_id>/",
            admin_views.member_detail,
            name="portal_admin_member",
        ),
        path("membership/audit/", admin_views.audit_trail, name="portal_admin_audit_trail"),
    ]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_memberships(viewer_for_request(request))


class SecretariatSubmenuMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return can_manage_memberships(viewer_for_request(request))


class CountryViewSet(ModelViewSet):
    model = Country
    add_to_admin_menu = False
    icon = "globe"
    list_display = ["name", "code", "is_commit_member"]
    form_fields = ["code", "name", "is_commit_member"]
    search_fields = ["name", "code"]


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    add_to_admin_menu = False
    icon = "group"
    list_display = ["name", "type", "country", "verified"]
    list_filter = ["type", "country", "verified"]
    form_fields = ["name", "type", "country", "website", "verified"]
    search_fields = ["name"]


class StakeholderGroupViewSet(ModelViewSet):
    model = StakeholderGroup
    add_to_admin_menu = False
    icon = "group"
    list_display = ["name", "role", "country", "open_to_requests"]
    form_fields = [
        "name",
        "name_translations",
        "role",
        "country",
        "description",
        "open_to_requests",
    ]


country_viewset = CountryViewSet("countries")
organisation_viewset = OrganisationViewSet("organisations")
stakeholder_group_viewset = StakeholderGroupViewSet("stakeholder_groups")


@hooks.register("register_admin_viewset")
def register_membership_viewsets():
    return [country_viewset, organisation_viewset, stakeholder_group_viewset]


@hooks.register("register_admin_menu_item")
def register_membership_menu():
    items = [
        SecretariatMenuItem(label, reverse(url_name), icon_name=icon, order=order)
        for order, (label, url_name, icon) in enumerate(
            [
                (_("Requests"), "portal_admin_membership_requests", "tasks"),
                (_("Invite a member"), "portal_admin_send_invitation", "mail"),
                (_("Organisations"), organisation_viewset.get_url_name("index"), "group"),
                (_("Stakeholder groups"), stakeholder_group_viewset.get_url_name("index"), "group"),
                (_("Countries"), country_viewset.get_url_name("index"), "globe"),
                (_("Audit trail"), "portal_admin_audit_trail", "history"),
            ]
        )
    ]
    return SecretariatSubmenuMenuItem(
        _("Membership"), Menu(items=items), icon_name="group", order=250
    )


@hooks.register("before_serve_page", order=-10)
def enforce_need_to_know(page, request, serve_args, serve_kwargs):
    """
    Serve a page only to viewers `portal.permissions` admits. Runs before Wagtail's own
    privacy check, which looks at Django groups alone and so would admit a government
    delegate who has not passed their second factor.
    """
    viewer = viewer_for_request(request)
    if can_view_page(viewer, page):
        if viewer.is_secretariat and page.get_view_restrictions():
            # Wagtail's own check admits only the page's groups; the secretariat sees all.
            return page.serve(request, *serve_args, **serve_kwargs)
        return None
    if only_password_protection_refuses(viewer, page):
        return None  # Wagtail shows its password form.
    return refuse(request, viewer)


class WaitingForYouPanel(Component):
    """The staff home: what is waiting for this person, per role, first on the dashboard."""

    name = "waiting_for_you"
    order = 10
    template_name = "portal/admin/waiting_for_you_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"queues": waiting_for(viewer_for_request(self.request))}


@hooks.register("construct_homepage_panels")
def add_waiting_for_you_panel(request, panels):
    panels.insert(0, WaitingForYouPanel(request))
