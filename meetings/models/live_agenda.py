from django.db import models
from django.utils.translation import gettext_lazy as _


class LiveAgendaState(models.Model):
    """
    Where a meeting is on its agenda while it runs.

    Kept out of the page (and so out of its revisions): publishing an edited meeting
    page must not move the meeting back to an earlier item.
    """

    meeting = models.OneToOneField(
        "meetings.MeetingPage",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="live_agenda",
    )
    current_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("current agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("live agenda")
        verbose_name_plural = _("live agendas")

    def __str__(self):
        return f"{self.meeting} · {self.current_item or '-'}"
