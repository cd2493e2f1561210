"""Research library models: taxonomy, pages, and the text extracted from their files."""

from knowledge.models.extraction import DocumentExtraction, ExtractionStatus, PublicationText
from knowledge.models.pages import (
    LibraryIndexPage,
    Licence,
    PublicationAuthor,
    PublicationDocument,
    PublicationPage,
    PublicationTag,
    RelatedPublication,
    publications_for,
)
from knowledge.models.taxonomy import ExploitationForm, PublicationType, SpaArea

__all__ = [
    "DocumentExtraction",
    "ExploitationForm",
    "ExtractionStatus",
    "LibraryIndexPage",
    "Licence",
    "PublicationAuthor",
    "PublicationDocument",
    "PublicationPage",
    "PublicationTag",
    "PublicationText",
    "PublicationType",
    "RelatedPublication",
    "SpaArea",
    "publications_for",
]
