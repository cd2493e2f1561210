"""Remind government delegates of progress reports due soon. Run daily from cron."""

from django.core.management.base import BaseCommand

from results.actions import do_send_due_reminders


class Command(BaseCommand):
    help = (
        "Remind each COMMIT country's government delegates of an open reporting period whose "
        "deadline is within --days, when their report is not submitted yet (once per period)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14)

    def handle(self, *args, days: int, **options):
        sent = do_send_due_reminders(days=max(days, 0))
        self.stdout.write(f"{sent} reminder(s) sent.")
