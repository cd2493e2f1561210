from django.core.management.base import BaseCommand

from meetings.actions import do_notify_meeting_reminders


class Command(BaseCommand):
    help = (
        "Remind members registered to attend of meetings starting within the next hours "
        "(once per registration)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=48, help="Look this many hours ahead.")

    def handle(self, *args, hours, **options):
        reminded = do_notify_meeting_reminders(hours=hours)
        self.stdout.write(f"Sent {reminded} meeting reminder(s).")
