"""
PO files for translators: `translation_po export <page id> <language> [-o file]` writes the
page's strings (with what is already translated) for a translator; `translation_po import
<file> [--publish]` brings the translated file back. A file with broken placeholders is
refused whole (see portal.translation_files). The admin offers the same files on a page's
translation screen (wagtail-localize: "Download PO file" / "Upload PO file").
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from portal.actions import ActionRefused, do_import_translation_po, do_start_translation
from portal.translation_files import BadTranslationFile, parse_po, translation_of_file


class Command(BaseCommand):
    help = "Export a page's strings as a PO file for a translator, or import a translated one."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help="write a page's strings as a PO file")
        export.add_argument("page_id", type=int)
        export.add_argument("language", help="target language code, e.g. th or zh-hans")
        export.add_argument("-o", "--output", help="file to write (default: standard output)")
        importing = commands.add_parser("import", help="import a translated PO file")
        importing.add_argument("file")
        importing.add_argument(
            "--publish", action="store_true", help="publish the translated page afterwards"
        )

    def handle(self, *args, **options):
        if options["action"] == "export":
            return self.export(options)
        return self.import_file(options)

    def export(self, options):
        page = Page.objects.filter(pk=options["page_id"]).first()
        if page is None:
            raise CommandError(f"No page has the id {options['page_id']}.")
        try:
            translation = do_start_translation(page.specific, options["language"])
        except ActionRefused as error:
            raise CommandError(str(error)) from None
        content = str(translation.export_po())
        if options["output"]:
            Path(options["output"]).write_text(content, encoding="utf-8")
            self.stdout.write(
                f"Wrote {options['output']} ({len(translation.export_po())} strings)."
            )
        else:
            self.stdout.write(content)

    def import_file(self, options):
        try:
            content = Path(options["file"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from None
        try:
            translation = translation_of_file(parse_po(content))
            warnings = do_import_translation_po(translation, content, publish=options["publish"])
        except (BadTranslationFile, ActionRefused) as error:
            raise CommandError(str(error)) from None
        for warning in warnings:
            self.stderr.write(f"Skipped: {warning}")
        self.stdout.write(f"Imported {options['file']} into {translation}.")
