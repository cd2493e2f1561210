"""manage.py import_publications PATH: load publications from a CSV and the files it names."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from knowledge.actions import do_save_publication
from knowledge.importer import REQUIRED_COLUMNS, RowError, parse_row, resolve_edition
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
            with csv_path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
                columns = set(rows[0]) if rows else set()
        except (UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{csv_path} is not a readable UTF-8 CSV file: {error}") from error
        missing = REQUIRED_COLUMNS - columns
        if rows and missing:
            raise CommandError(f"The CSV lacks the column(s): {', '.join(sorted(missing))}.")
        created = updated = 0
        report: list[str] = []
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            self._progress(number - 1, len(rows))
            try:
                with transaction.atomic():
                    parsed = parse_row(row, csv_path.parent)
                    resolve_edition(parsed, index)
                    _page, was_created = do_save_publication(None, index, parsed.data)
            except RowError as error:
                report.append(f"row {number}: ERROR {error}")
                continue
            created += was_created
            updated += not was_created
            report.extend(f"row {number}: warning: {warning}" for warning in parsed.warnings)
        self.stdout.write("")
        for line in report:
            self.stdout.write(
                self.style.WARNING(line) if "warning" in line else self.style.ERROR(line)
            )
        errors = sum("ERROR" in line for line in report)
        self.stdout.write(
            self.style.SUCCESS(
                f"{created} created, {updated} updated, {errors} row(s) with errors."
            )
        )

    def _progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}", ending=""
        )
        self.stdout.flush()
