"""Meetings: pages and agendas, papers, registrations, minutes, decisions and actions."""

from meetings.models.calendar import CalendarToken
from meetings.models.follow_up import ActionItem, Decision
from meetings.models.live_agenda import LiveAgendaState
from meetings.models.minutes import (
    DelegationSignOff,
    Minutes,
    MinutesComment,
    MinutesRevision,
    SignOffWaiver,
)
from meetings.models.pages import AgendaItem, MeetingIndexPage, MeetingPage, MeetingType
from meetings.models.papers import MeetingPaper
from meetings.models.registration import Registration

__all__ = [
    "ActionItem",
    "AgendaItem",
    "CalendarToken",
    "Decision",
    "DelegationSignOff",
    "LiveAgendaState",
    "MeetingIndexPage",
    "MeetingPage",
    "MeetingPaper",
    "MeetingType",
    "Minutes",
    "MinutesComment",
    "MinutesRevision",
    "Registration",
    "SignOffWaiver",
]
