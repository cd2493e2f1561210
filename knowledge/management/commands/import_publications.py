"""manage.py import_publications PATH: load publications from a CSV and the files it names."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from knowledge.importer import ImportFileError, import_publications_csv
from knowledge.models import LibraryIndexPage

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import publications from a CSV file (or a folder holding publications.csv) and the "
        "files it names. Re-running updates the publications with the same slug."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a CSV file, or a folder with publications.csv")

    def handle(self, *args, path, **options):
        csv_path = Path(path)
        if csv_path.is_dir():
            csv_path = csv_path / "publications.csv"
        if not csv_path.is_file():
            raise CommandError(f"No CSV file at {csv_path}.")
        index = LibraryIndexPage.objects.first()
        if index is None:
            raise CommandError("There is no library page yet: create it in the admin first.")
        try:
            report = import_publications_csv(csv_path, index, progress=self._progress)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("")
        for line in report.lines:
            style = self.style.ERROR if line.is_error else self.style.WARNING
            self.stdout.write(style(str(line)))
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def _progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}", ending=""
        )
        self.stdout.flush()
