"""
The secretariat's library screens in the Wagtail admin: "Import publications" (upload the
CSV, or a ZIP of the CSV and the files it names, that `manage.py import_publications` reads,
and get the same per-row report) and "Rebuild the search index with this thesaurus".
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowledge.access import can_edit_thesaurus, can_import_publications
from knowledge.actions import do_rebuild_search_index
from knowledge.importer import ImportFileError, import_publications_csv
from knowledge.models import LibraryIndexPage
from portal.permissions import viewer_for_request

# An archive that unpacks to more than this, or holds more entries, is refused before
# anything is written: a small upload must not fill the disk.
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_ENTRIES = 2000


class PublicationImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file, or ZIP archive of the CSV and its files"),
        help_text=gettext_lazy(
            "The columns are those of manage.py import_publications (title and files are "
            "required; see the README). Files are named relative to the CSV, so upload a ZIP "
            "holding publications.csv and the PDFs. Rows with the same slug update the "
            "publication."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.zip"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in (".csv", ".zip"):
            raise forms.ValidationError(_("Upload a .csv file or a .zip archive."))
        if suffix == ".zip" and not zipfile.is_zipfile(upload):
            raise forms.ValidationError(_("This file is not a readable ZIP archive."))
        upload.seek(0)
        return upload


def _unpack(upload, folder: Path) -> Path:
    """Write the upload into `folder`; return the CSV to import. Raises ImportFileError."""
    if Path(upload.name).suffix.lower() == ".csv":
        target = folder / "publications.csv"
        with target.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return target
    with zipfile.ZipFile(upload) as archive:
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
        if len(entries) > MAX_ENTRIES:
            raise ImportFileError(
                _("The archive holds more than %(count)s files.") % {"count": MAX_ENTRIES}
            )
        if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
            raise ImportFileError(_("The archive unpacks to more than 500 MB."))
        for entry in entries:
            name = PurePosixPath(entry.filename)
            if name.is_absolute() or ".." in name.parts:
                raise ImportFileError(
                    _("The archive names a file outside itself: %(name)s")
                    % {"name": entry.filename}
                )
        archive.extractall(folder)
    candidates = sorted(folder.rglob("*.csv"))
    named = [path for path in candidates if path.name == "publications.csv"]
    if len(named) == 1:
        return named[0]
    if len(candidates) == 1:
        return candidates[0]
    raise ImportFileError(_("The archive must hold one CSV file (or one named publications.csv)."))


def import_publications(request):
    viewer = viewer_for_request(request)
    if not can_import_publications(viewer):
        raise PermissionDenied
    form = PublicationImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        index = LibraryIndexPage.objects.first()
        if index is None:
            form.add_error(None, _("There is no library page yet: create it first."))
        else:
            with tempfile.TemporaryDirectory(prefix="publication-import-") as folder:
                try:
                    csv_path = _unpack(form.cleaned_data["file"], Path(folder))
                    report = import_publications_csv(csv_path, index, actor=request.user)
                except ImportFileError as error:
                    form.add_error("file", str(error))
    return TemplateResponse(
        request,
        "knowledge/admin/import_publications.html",
        {
            "page_title": _("Import publications"),
            "header_icon": "upload",
            "form": form,
            "report": report,
        },
        status=400 if form.errors else 200,
    )


def rebuild_search_index(request):
    """
    GET: what a rebuild does, and the button; POST: ask for it (a background task) and go
    back to the thesaurus. The current index answers searches until the new one is complete.
    """
    viewer = viewer_for_request(request)
    if not can_edit_thesaurus(viewer):
        raise PermissionDenied
    if request.method == "POST":
        do_rebuild_search_index(viewer)
        messages.success(
            request,
            _(
                "The search index is being rebuilt with the thesaurus as it is now. Searches "
                "are answered from the current index until the new one is complete."
            ),
        )
        return redirect("wagtailsnippets_knowledge_thesaurusconcept:list")
    return TemplateResponse(
        request,
        "knowledge/admin/rebuild_search_index.html",
        {
            "page_title": _("Rebuild the search index with this thesaurus"),
            "header_icon": "resubmit",
        },
    )
