"""
The admin's document upload form with the library's checks. Enable it with
WAGTAILDOCS_DOCUMENT_FORM_BASE = "knowledge.document_forms.LibraryDocumentForm".
"""

from wagtail.documents.forms import BaseDocumentForm

from knowledge.uploads import check_upload


class LibraryDocumentForm(BaseDocumentForm):
    """Wagtail's document form with the library's type, size and signature checks."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "size"):
            check_upload(uploaded.name, uploaded.size, uploaded)
        return uploaded
