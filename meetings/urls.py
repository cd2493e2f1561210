"""
URLs outside the page tree. Included by config.urls before Wagtail's catch-all, so
they win over meeting pages under /meetings/ (no meeting slug may be "actions" or
"calendar"). Meeting pages themselves are Wagtail pages.
"""

from django.urls import path

from meetings import views

urlpatterns = [
    path("meetings/calendar.ics", views.public_calendar, name="meetings_public_calendar"),
    path(
        "meetings/calendar/<str:token>.ics",
        views.private_calendar,
        name="meetings_private_calendar",
    ),
    path("meetings/calendar/", views.calendar_settings, name="meetings_calendar_settings"),
    path("meetings/actions/", views.open_actions, name="meetings_open_actions"),
    path("meetings/<id:pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<id:pk>/rsvp/", views.rsvp, name="meeting_rsvp"),
    path("meetings/<id:pk>/agenda/current/", views.agenda_current, name="meeting_agenda_current"),
    path(
        "meetings/<id:pk>/agenda/<id:item_pk>/outcome/",
        views.agenda_outcome,
        name="meeting_agenda_outcome",
    ),
    path("meetings/<id:pk>/registrations/", views.registrations, name="meeting_registrations"),
    path(
        "meetings/<id:pk>/registrations.<str:fmt>",
        views.registrations_export,
        name="meeting_registrations_export",
    ),
    path("meetings/<id:pk>/minutes/edit/", views.minutes_edit, name="meeting_minutes_edit"),
    path(
        "meetings/<id:pk>/minutes/history/",
        views.minutes_history,
        name="meeting_minutes_history",
    ),
    path(
        "meetings/<id:pk>/minutes/<str:step>/",
        views.minutes_transition,
        name="meeting_minutes_transition",
    ),
]
