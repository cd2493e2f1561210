"""
Reads of the core that views, forms and actions share: matching organisations,
looking up an invitation by its token, whether a member holds an address. Nothing
here writes; writes are in `portal.actions`.
"""

from __future__ import annotations

import hashlib

from allauth.account.models import EmailAddress
from django.utils.translation import gettext as _

from portal.dates import date_medium
from portal.models import Country, Invitation, Organisation
from portal.refusals import ActionRefused


def find_matching_organisation(name: str, country: Country | None) -> Organisation | None:
    """An existing organisation with the same name (ignoring case and spacing), if any."""
    wanted = " ".join(name.split()).casefold()
    candidates = Organisation.objects.filter(name__iexact=" ".join(name.split()))
    if country is not None:
        candidates = candidates.filter(country=country) | Organisation.objects.filter(
            name__iexact=" ".join(name.split()), country__isnull=True
        )
    for organisation in candidates:
        if " ".join(organisation.name.split()).casefold() == wanted:
            return organisation
    return None


def invitation_token_hash(token: str) -> str:
    """What is stored of an invitation token: its SHA-256, so the table holds no working link."""
    return hashlib.sha256(token.encode()).hexdigest()


def find_invitation(token: str) -> Invitation:
    """The usable invitation for `token`, or ActionRefused saying what is wrong with it."""
    invitation = Invitation.objects.filter(token_hash=invitation_token_hash(token)).first()
    if invitation is None:
        raise ActionRefused(_("This invitation link is not valid. Check that it was copied whole."))
    if invitation.accepted_at is not None:
        raise ActionRefused(
            _("This invitation has already been used. Each link works once; ask the "
              "secretariat for a new one if you need it.")
        )  # fmt: skip
    if invitation.is_expired:
        raise ActionRefused(
            _("This invitation expired on %(date)s. Ask the secretariat for a new one.")
            % {"date": date_medium(invitation.expires_at)}
        )
    return invitation


def holds_address(user, email: str) -> bool:
    """
    Does `user` hold `email`: their sign-in address (allauth makes it verified before a
    sign-in counts), or another address of theirs that they confirmed?
    """
    return (
        user.email.casefold() == email.casefold()
        or EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )


def sent_invitations(limit: int = 100):
    """The latest invitations, newest first, for the secretariat's list (callers check rights)."""
    return Invitation.objects.select_related("group", "invited_by", "accepted_by")[:limit]
