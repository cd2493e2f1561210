from django.core.management.base import BaseCommand, CommandError

from portal.announcements import send_announcement


class Command(BaseCommand):
    help = "Push a site-wide announcement to every open page (e.g. planned maintenance)."

    def add_arguments(self, parser):
        parser.add_argument("text", help="The announcement, at most 500 characters.")

    def handle(self, *args, text, **options):
        try:
            send_announcement(text)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Announcement sent."))
