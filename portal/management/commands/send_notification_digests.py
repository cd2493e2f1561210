from django.core.management.base import BaseCommand

from portal.models import NotificationFrequency
from portal.notifications import send_digests


class Command(BaseCommand):
    help = "Email daily or weekly notification digests. Schedule daily and weekly runs."

    def add_arguments(self, parser):
        parser.add_argument(
            "frequency", choices=[NotificationFrequency.DAILY, NotificationFrequency.WEEKLY]
        )

    def handle(self, *args, frequency, **options):
        sent = send_digests(frequency)
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} {frequency} digest(s)."))
