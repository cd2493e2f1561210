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
from knowledge.search.models import PendingIndexUpdate, PublicationTerm, ThesaurusConcept

__all__ = [
    "DocumentExtraction",
    "ExploitationForm",
    "ExtractionStatus",
    "LibraryIndexPage",
    "Licence",
    "PendingIndexUpdate",
    "PublicationAuthor",
    "PublicationDocument",
    "PublicationPage",
    "PublicationTag",
    "PublicationTerm",
    "PublicationText",
    "PublicationType",
    "RelatedPublication",
    "SpaArea",
    "ThesaurusConcept",
    "publications_for",
]
