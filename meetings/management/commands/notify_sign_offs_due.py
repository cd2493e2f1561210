"""Tell the secretariat of minutes whose sign-off deadline passed. Run hourly from cron."""

from django.core.management.base import BaseCommand

from meetings.actions import do_notify_missing_sign_offs


class Command(BaseCommand):
    help = (
        "Notify the secretariat of circulated minutes whose sign-off deadline has passed with "
        "delegations still missing (once per circulation; a second run sends nothing)."
    )

    def handle(self, *args, **options):
        reported = do_notify_missing_sign_offs()
        self.stdout.write(f"Reported {reported} minutes with missing sign-offs.")
