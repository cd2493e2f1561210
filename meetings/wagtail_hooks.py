"""Admin screens for meeting papers, decisions and actions; the guard on paper files."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from meetings.access import can_view_paper
from meetings.actions import audit, do_notify_action_assigned
from meetings.models import ActionItem, Decision, MeetingPaper
from portal.permissions import viewer_for_request
from portal.refusals import refuse


@hooks.register("before_serve_document")
def refuse_restricted_meeting_papers(document, request):
    """
    A meeting paper's file is served only to those who may see the paper. Documents
    that are not meeting papers are left to other apps' hooks (return None).
    """
    papers = list(MeetingPaper.objects.filter(document=document).select_related("meeting"))
    if not papers:
        return None
    viewer = viewer_for_request(request)
    # The same file may be tabled at several meetings; any paper the viewer may see admits.
    if any(can_view_paper(viewer, paper) for paper in papers):
        return None
    return refuse(request, viewer)


class MeetingPaperViewSet(SnippetViewSet):
    model = MeetingPaper
    icon = "doc-full"
    menu_label = "Meeting papers"
    list_display = ["title", "meeting", "agenda_number", "access_level"]
    list_filter = ["access_level"]


class DecisionViewSet(SnippetViewSet):
    model = Decision
    icon = "tick"
    list_display = ["meeting", "number", "text", "public"]
    list_filter = ["public"]


class ActionItemViewSet(SnippetViewSet):
    model = ActionItem
    icon = "list-ul"
    list_display = ["title", "meeting", "owner", "due_date", "status"]
    list_filter = ["status"]


register_snippet(MeetingPaperViewSet)
register_snippet(DecisionViewSet)
register_snippet(ActionItemViewSet)


@hooks.register("after_create_snippet")
def tell_owners_of_new_action(request, instance):
    """Actions added in the admin notify their owners, as `do_assign_action` does."""
    if isinstance(instance, ActionItem):
        audit(instance.meeting, request.user, "action.assigned", f"{instance} → {instance.owner}")
        do_notify_action_assigned(instance)


@hooks.register("after_edit_snippet")
def record_decision_edits(request, instance):
    """A decision edited in the admin (its text, or marked public) goes in the audit trail."""
    if isinstance(instance, Decision):
        audit(
            instance.meeting,
            request.user,
            "decision.edited",
            f"{instance.number}{' (public)' if instance.public else ''}: {instance.text[:200]}",
        )
