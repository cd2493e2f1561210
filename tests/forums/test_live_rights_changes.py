"""
Need-to-know on a live thread: a reader whose rights are taken away, by whatever path,
gets no further event and is closed with 4403.

Live sockets re-read their readers' rights only when the rights generation moved (raised
by database triggers with every change to what `rights_of` reads), so each way rights
can change is tried here: the portal's actions, and the bulk updates, deletions and full
saves the admin, the shell or a data migration would make.
"""

import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from django.utils import timezone

from forums import actions
from forums.models import Forum
from portal.actions import do_delete_account, do_suspend_user
from portal.models import AccessLevel, Country, Membership, Role, StakeholderGroup, User
from portal.permissions import rights_generation
from tests.forums.conftest import member_of, session_headers, signed_in_client, viewer
from tests.forums.live import next_message, thread_socket

pytestmark = pytest.mark.django_db(transaction=True)


async def act(action, user, *args, **kwargs):
    return await sync_to_async(lambda: action(viewer(user), *args, **kwargs))()


def secretariat():
    group = StakeholderGroup.objects.create(name="Secretariat", role=Role.SECRETARIAT)
    return viewer(member_of(group))


def revoke_in_bulk(user, groups, forum):
    Membership.objects.filter(user=user, group=groups.cso).update(status=Membership.Status.REVOKED)


def delete_membership(user, groups, forum):
    Membership.objects.filter(user=user, group=groups.cso).delete()


def suspend_through_the_action(user, groups, forum):
    do_suspend_user(secretariat(), user, reason="Breach of the code of conduct")


def suspend_in_bulk(user, groups, forum):
    User.objects.filter(pk=user.pk).update(suspended_at=timezone.now())


def deactivate_with_a_full_save(user, groups, forum):
    # As the admin's change form saves an account: every column written.
    account = User.objects.get(pk=user.pk)
    account.is_active = False
    account.save()


def deactivate_in_bulk(user, groups, forum):
    User.objects.filter(pk=user.pk).update(is_active=False)


def delete_the_account(user, groups, forum):
    do_delete_account(User.objects.get(pk=user.pk))


def revoke_in_hand_written_sql(user, groups, forum):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE portal_membership SET status = %s WHERE user_id = %s AND group_id = %s",
            [Membership.Status.REVOKED, user.pk, groups.cso.pk],
        )


def restrict_the_forum_to_another_group(user, groups, forum):
    # As the admin edits it (a parental many-to-many is written when the forum is saved).
    forum = Forum.objects.get(pk=forum.pk)
    forum.allowed_groups.set([groups.moderators])
    forum.save()


def restrict_the_forum_to_the_secretariat_in_bulk(user, groups, forum):
    Forum.objects.filter(pk=forum.pk).update(access_level=AccessLevel.GROUPS)
    Forum.allowed_groups.through.objects.filter(forum_id=forum.pk).delete()


@pytest.mark.parametrize(
    "take_away",
    [
        revoke_in_bulk,
        delete_membership,
        suspend_through_the_action,
        suspend_in_bulk,
        deactivate_with_a_full_save,
        deactivate_in_bulk,
        delete_the_account,
        revoke_in_hand_written_sql,
        restrict_the_forum_to_another_group,
        restrict_the_forum_to_the_secretariat_in_bulk,
    ],
)
async def test_a_reader_whose_rights_are_taken_away_gets_no_further_event(
    take_away, forums, groups, people
):
    thread = await act(actions.do_create_thread, people.cso, forums.cso, title="R", body="Open")
    reader = await sync_to_async(member_of)(groups.cso, display_name="Leaving Reader")
    headers = await sync_to_async(lambda: session_headers(signed_in_client(reader)))()
    communicator = thread_socket(thread.pk, headers)
    connected, _ = await communicator.connect()
    assert connected
    # Two events while nothing changes: the socket's rights stay known current.
    for body in ("First", "Second"):
        await act(actions.do_create_post, people.cso, thread, body=body)
        assert body in (await next_message(communicator))["html"]

    await sync_to_async(take_away)(reader, groups, forums.cso)
    # Posted by a moderator, who reads every forum, whatever was taken from whom.
    await act(actions.do_create_post, people.moderator, thread, body="Secret third")

    assert await next_message(communicator) == {"type": "closed", "code": 4403}
    await communicator.disconnect()


def test_every_change_to_rights_raises_the_generation_and_nothing_else_does(groups, people):
    """What the triggers watch: a change that passed them by would leave rights unread."""
    member = people.cso
    membership = Membership.objects.get(user=member, group=groups.cso)
    country = Country.objects.create(code="KH", name="Cambodia")
    moves = {
        "membership status": lambda: Membership.objects.filter(pk=membership.pk).update(
            status=Membership.Status.PENDING
        ),
        "membership group": lambda: Membership.objects.filter(pk=membership.pk).update(
            group=groups.youth
        ),
        "new membership": lambda: Membership.objects.create(
            user=member, group=groups.moderators, status=Membership.Status.APPROVED
        ),
        "deleted membership": lambda: Membership.objects.filter(group=groups.moderators).delete(),
        "suspension": lambda: User.objects.filter(pk=member.pk).update(suspended_at=timezone.now()),
        "reinstatement": lambda: User.objects.filter(pk=member.pk).update(suspended_at=None),
        "deactivation": lambda: User.objects.filter(pk=member.pk).update(is_active=False),
        "group role": lambda: StakeholderGroup.objects.filter(pk=groups.cso.pk).update(
            role=Role.GOVERNMENT
        ),
        "group country": lambda: StakeholderGroup.objects.filter(pk=groups.cso.pk).update(
            country=country
        ),
        "country code": lambda: Country.objects.filter(pk=country.pk).update(code="LA"),
    }
    for change, move in moves.items():
        before = rights_generation()
        move()
        assert rights_generation() > before, change

    stays = {
        "last login": lambda: User.objects.filter(pk=member.pk).update(last_login=timezone.now()),
        "display name": lambda: User.objects.filter(pk=member.pk).update(display_name="Renamed"),
        "group description": lambda: StakeholderGroup.objects.filter(pk=groups.cso.pk).update(
            description="About"
        ),
        "membership reason": lambda: Membership.objects.filter(pk=membership.pk).update(
            reason="Because"
        ),
        "new account": lambda: User.objects.create(email="new@example.org"),
    }
    for change, stay in stays.items():
        before = rights_generation()
        stay()
        assert rights_generation() == before, change
