from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Meetings: agendas, papers, minutes, decisions and actions."""

    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from wagtail.signals import page_published

        from meetings.access import (
            can_view_action,
            can_view_decision,
            can_view_meeting,
            can_view_minutes,
        )
        from meetings.actions import MeetingVerb
        from meetings.models import ActionItem, Decision, MeetingPage, Minutes
        from meetings.sections import my_meetings, upcoming_meetings
        from portal.audit import register_verbs
        from portal.dashboard import register_dashboard_slot
        from portal.permissions import register_visibility_rule
        from portal.sections import register_home_section

        register_home_section("meetings", upcoming_meetings, more_url="/meetings/")
        # Notifications about a meeting, its minutes or an action are shown only while
        # their reader may see that thing (in this session).
        register_visibility_rule(MeetingPage, can_view_meeting)
        register_visibility_rule(Minutes, can_view_minutes)
        register_visibility_rule(ActionItem, can_view_action)
        # Decisions are also referenced from other apps (an indicator's page lists them).
        register_visibility_rule(Decision, can_view_decision)
        register_dashboard_slot("meetings", my_meetings)
        register_verbs(MeetingVerb)

        from meetings.waiting import minutes_awaiting_sign_off, overdue_actions
        from portal.staff_work import register_staff_queue

        register_staff_queue(
            "minutes", _("Minutes awaiting sign-off"), minutes_awaiting_sign_off, order=40
        )
        register_staff_queue("overdue_actions", _("Overdue actions"), overdue_actions, order=50)
        page_published.connect(
            invite_on_first_publication,
            sender=MeetingPage,
            dispatch_uid="meetings.invite_on_first_publication",
        )


def invite_on_first_publication(sender, instance, **kwargs):
    """
    Invitations go out after the publishing transaction commits, so members never get
    a link to a page that was rolled back; the action sends them once per meeting.
    """
    from django.db import transaction

    from meetings.actions import do_invite_after_first_publication

    meeting_id = instance.pk
    transaction.on_commit(lambda: do_invite_after_first_publication(meeting_id))
