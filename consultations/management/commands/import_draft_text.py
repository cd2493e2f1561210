"""`import_draft_text CONSULTATION_ID PATH.docx`: a new draft round from a Word file."""

from django.core.management.base import BaseCommand, CommandError

from consultations import actions
from consultations.models import ConsultationPage


class Command(BaseCommand):
    help = (
        "Import a consultation's draft text from a .docx file as a new round (the first "
        "round if there is none). Headings become numbered sections; paragraphs become "
        "numbered paragraphs."
    )

    def add_arguments(self, parser):
        parser.add_argument("consultation_id", type=int)
        parser.add_argument("path")
        parser.add_argument("--note", default="", help="What changed in this round.")

    def handle(self, *args, consultation_id, path, note, **options):
        consultation = ConsultationPage.objects.filter(pk=consultation_id).first()
        if consultation is None:
            raise CommandError(f"There is no consultation with id {consultation_id}.")
        try:
            with open(path, "rb") as source:
                draft_round = actions.do_import_draft_text(None, consultation, source, note=note)
        except OSError as error:
            raise CommandError(f"Cannot open {path}: {error.strerror}.") from None
        except actions.ActionRefused as error:
            raise CommandError(str(error)) from None
        paragraphs = draft_round.paragraphs.count()
        sections = draft_round.sections.count()
        self.stdout.write(
            f"Round {draft_round.number} of “{consultation.title}”: "
            f"{sections} sections, {paragraphs} paragraphs."
        )
