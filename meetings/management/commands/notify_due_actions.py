from django.core.management.base import BaseCommand

from meetings.actions import do_notify_due_actions


class Command(BaseCommand):
    help = "Remind owners of open meeting actions due within the next days (once per action)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Look this many days ahead.")

    def handle(self, *args, days, **options):
        reminded = do_notify_due_actions(within_days=days)
        self.stdout.write(f"Reminded the owners of {reminded} action(s).")
