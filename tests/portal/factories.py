"""
Factories for the core: countries, organisations, stakeholder groups, people and
their memberships.

A membership is made through `portal.actions`, as the secretariat's decision makes
it, so the member's Django groups (which Wagtail page privacy reads) and the
organisation on their profile follow as they do on the site.
"""

import factory
from allauth.mfa.totp.internal.auth import TOTP

from portal.actions import do_grant_membership, do_request_membership
from portal.models import Country, Membership, Organisation, Role, StakeholderGroup, User


class CountryFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.LazyAttribute(lambda country: f"Country {country.code}")
    is_commit_member = True

    class Meta:
        model = Country
        django_get_or_create = ("code",)


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = Organisation.Type.CSO
    country = None

    class Meta:
        model = Organisation


class StakeholderGroupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Stakeholder group {n}")
    role = Role.CSO
    country = None

    class Meta:
        model = StakeholderGroup
        django_get_or_create = ("name",)


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified-looking profile; `totp_secret=` gives them a TOTP authenticator."""

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    display_name = factory.Faker("name")
    password = factory.django.Password("a-strong-test-password")

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def totp_secret(self, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(self, extracted)


class MembershipFactory(factory.Factory):
    """
    An approved membership (granted) or a pending request, through the portal's actions.
    Declined and revoked ones need the secretariat's decision: call the action in the test.
    """

    user = factory.SubFactory(UserFactory)
    group = factory.SubFactory(StakeholderGroupFactory)
    organisation = None
    status = Membership.Status.APPROVED
    reason = "I work on this."

    class Meta:
        model = Membership

    @classmethod
    def _create(cls, model_class, *, user, group, organisation, status, reason):
        if status == Membership.Status.APPROVED:
            return do_grant_membership(None, user, group, organisation=organisation)
        if status == Membership.Status.PENDING:
            return do_request_membership(user, group, organisation=organisation, reason=reason)
        raise ValueError(
            f"MembershipFactory makes approved or pending memberships, not {status!r}: "
            "decline or revoke one with portal.actions in the test."
        )


def member_of(group, *, organisation=None, status=Membership.Status.APPROVED, **user_fields):
    """A new person with one membership of `group` (approved unless `status` says otherwise)."""
    user = UserFactory(**user_fields)
    if group is not None:
        MembershipFactory(user=user, group=group, organisation=organisation, status=status)
        user.refresh_from_db()
    return user
