from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from portal.site_root import on_site_root, portal_site


class AccountAdapter(DefaultAccountAdapter):
    """
    New accounts take the language the person signed up in. Account emails are signed
    with the portal's name and address and link to its canonical root (PORTAL_BASE_URL),
    whatever the Sites record or the request's Host header says.
    """

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        if commit:
            user.save()
        return user

    def send_mail(self, template_prefix, email, context):
        super().send_mail(template_prefix, email, {**context, "current_site": portal_site()})

    def get_email_confirmation_url(self, request, emailconfirmation):
        return on_site_root(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return on_site_root(super().get_reset_password_from_key_url(key))
