"""
The admin's account page with the portal's own name panel.

Wagtail's "Name and Email" panel requires a first and a last name, which the portal never
asks for (people have one display name, many have a single name), so saving any
preference — the admin language included — failed until names were invented. It also
changes the email address without allauth's verification. The portal's panel edits the
display name, with first and last name optional, and leaves email to allauth.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.account import AccountView, BaseSettingsPanel, NameEmailSettingsPanel

from portal.models import User


class NameForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "first_name", "last_name"]


class NameSettingsPanel(BaseSettingsPanel):
    name = "name"
    title = _("Name")
    order = 100
    form_class = NameForm


class PortalAccountView(AccountView):
    def get_panels(self):
        panels = super().get_panels()
        return [
            NameSettingsPanel(panel.request, panel.user, panel.profile)
            if isinstance(panel, NameEmailSettingsPanel)
            else panel
            for panel in panels
        ]


account = require_admin_access(PortalAccountView.as_view())
