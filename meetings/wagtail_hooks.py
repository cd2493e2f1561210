"""
Admin screens for meeting papers, decisions and actions; the list of meetings with their
agenda and minutes; the guard on paper files.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from meetings import admin_views
from meetings.access import can_manage_meeting, can_view_paper
from meetings.actions import do_save_action_item, do_save_decision
from meetings.models import ActionItem, Decision, MeetingPaper
from portal.admin_views import SavedThroughActionMixin
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


class DecisionCreateView(SavedThroughActionMixin, CreateView):
    write = staticmethod(do_save_decision)


class DecisionEditView(SavedThroughActionMixin, EditView):
    write = staticmethod(do_save_decision)


class ActionItemCreateView(SavedThroughActionMixin, CreateView):
    write = staticmethod(do_save_action_item)


class ActionItemEditView(SavedThroughActionMixin, EditView):
    write = staticmethod(do_save_action_item)


class DecisionViewSet(SnippetViewSet):
    model = Decision
    icon = "tick"
    list_display = ["meeting", "number", "text", "public"]
    list_filter = ["public"]
    add_view_class = DecisionCreateView
    edit_view_class = DecisionEditView


class ActionItemViewSet(SnippetViewSet):
    model = ActionItem
    icon = "list-ul"
    list_display = ["title", "meeting", "owner", "due_date", "status"]
    list_filter = ["status"]
    add_view_class = ActionItemCreateView
    edit_view_class = ActionItemEditView


register_snippet(MeetingPaperViewSet)
register_snippet(DecisionViewSet)
register_snippet(ActionItemViewSet)


@hooks.register("register_admin_urls")
def register_meetings_at_work_url():
    return [path("meetings/at-work/", admin_views.meetings_at_work, name="meetings_admin_at_work")]


class MeetingsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_meeting(viewer_for_request(request))


@hooks.register("register_admin_menu_item")
def register_meetings_menu_item():
    return MeetingsMenuItem(
        _("Meetings: agenda and minutes"),
        reverse("meetings_admin_at_work"),
        icon_name="date",
        order=254,
    )
