"""
Every write to the library goes through here: publications (create, update, publish),
their files, the text extracted from them, the search index's copy of them and the search
thesaurus. Views, the admin hooks, the tasks, the import command and the demo data stay
thin and call these.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from knowledge.access import can_edit_thesaurus
from knowledge.extraction import extract_pdf_text
from knowledge.models import (
    DocumentExtraction,
    ExtractionStatus,
    LibraryIndexPage,
    PendingIndexUpdate,
    PublicationAuthor,
    PublicationDocument,
    PublicationPage,
    PublicationText,
    ThesaurusConcept,
)
from knowledge.names import AuthorName
from knowledge.search.backends import DATABASE_BACKEND, SearchUnavailable, get_search_backend
from knowledge.search.backends.elasticsearch import ENGINE_ERRORS
from knowledge.search.models import LANGUAGE_FIELDS
from knowledge.search.thesaurus import forget_thesaurus, split_terms
from knowledge.search.thesaurus_tasks import rebuild_search_index, reindex_concept_in_database
from knowledge.search.words import concept_errors
from knowledge.uploads import check_upload
from portal import search_client
from portal.audit import record
from portal.models import AccessLevel
from portal.permissions import Viewer
from portal.refusals import ActionRefused

Document = get_document_model()
logger = logging.getLogger(__name__)


# Files ------------------------------------------------------------------------------


def do_store_document(path: Path, *, title: str = "", actor=None):
    """
    The library's Document for the file at `path`, reusing one with identical content
    so that re-running an import never duplicates files. Raises ValidationError when the
    file is of a refused type or too large.
    """
    with path.open("rb") as handle:
        check_upload(path.name, path.stat().st_size, handle)
        file_hash = hash_filelike(handle)
        existing = Document.objects.filter(file_hash=file_hash).first()
        if existing is not None:
            return existing
        handle.seek(0)
        document = Document(title=title or path.stem, uploaded_by_user=actor)
        document.file.save(path.name, File(handle), save=False)
        document._set_document_file_metadata()
        document.save()
        return document


def do_store_document_bytes(name: str, data: bytes, *, title: str = "", actor=None):
    """As `do_store_document`, for generated files (demo data)."""
    check_upload(name, len(data), io.BytesIO(data))
    file_hash = hash_filelike(io.BytesIO(data))
    existing = Document.objects.filter(file_hash=file_hash).first()
    if existing is not None:
        return existing
    document = Document(title=title or Path(name).stem, uploaded_by_user=actor)
    document.file.save(name, File(io.BytesIO(data), name=name), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


# Publications -----------------------------------------------------------------------


def _author(name: AuthorName | str, organisation, position: int) -> PublicationAuthor:
    if isinstance(name, AuthorName):
        return PublicationAuthor(
            family_name=name.family,
            given_name=name.given,
            name_order=name.order,
            organisation=organisation,
            sort_order=position,
        )
    return PublicationAuthor(name=name, organisation=organisation, sort_order=position)


@dataclass
class PublicationData:
    """Everything a publication record holds, as the importer and the demo give it."""

    slug: str
    title: str
    subtitle: str = ""
    summary: str = ""
    publisher: str = ""
    publication_date: date | None = None
    language: str = "en"
    publication_type: object | None = None
    countries: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    forms: list = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # (name as parts, or as written given name first; organisation or None)
    authors: list[tuple[AuthorName | str, object | None]] = field(default_factory=list)
    # (Document, label, language)
    documents: list[tuple[object, str, str]] = field(default_factory=list)
    isbn: str = ""
    doi: str = ""
    external_url: str = ""
    licence: str = ""
    access_level: str = AccessLevel.PUBLIC
    allowed_groups: list = field(default_factory=list)
    edition_of: PublicationPage | None = None
    body: list = field(default_factory=list)


SCALAR_FIELDS = (
    "title", "subtitle", "summary", "publisher", "publication_date", "language",
    "publication_type", "isbn", "doi", "external_url", "licence", "access_level", "edition_of",
)  # fmt: skip


def do_save_publication(
    actor, index: LibraryIndexPage, data: PublicationData
) -> tuple[PublicationPage, bool]:
    """
    Create the publication `data.slug` under `index`, or update it in place, and publish
    it. Returns (page, created). Publishing starts text extraction after the commit.
    """
    slug = slugify(data.slug)[:255]
    if not slug:
        raise ValidationError(_("A publication needs a slug or a title."))
    with transaction.atomic():
        page = PublicationPage.objects.child_of(index).filter(slug=slug).first()
        created = page is None
        if created:
            page = PublicationPage(slug=slug, title=data.title, owner=actor)
        for name in SCALAR_FIELDS:
            setattr(page, name, getattr(data, name))
        if data.body:
            page.body = data.body
        page.countries.set(data.countries)
        page.areas.set(data.areas)
        page.forms.set(data.forms)
        page.allowed_groups.set(data.allowed_groups)
        page.tags.set(data.tags, clear=True)
        # In the order given (the title page's): without sort_order the database may
        # return them in any order.
        page.authors = [
            _author(name, organisation, position)
            for position, (name, organisation) in enumerate(data.authors)
        ]
        page.documents = [
            PublicationDocument(
                document=document, label=label, language=language, sort_order=position
            )
            for position, (document, label, language) in enumerate(data.documents)
        ]
        if created:
            index.add_child(instance=page)
        # Wagtail's page history records who published what; publishing also queues text
        # extraction (knowledge.signals).
        page.save_revision(user=actor, log_action=True).publish(user=actor)
    return page, created


# Text extraction --------------------------------------------------------------------


def do_extract_publication_text(publication_id: int) -> list[DocumentExtraction]:
    """Extract and store the text of each file of the publication whose content changed."""
    publication = PublicationPage.objects.filter(pk=publication_id).first()
    if publication is None:
        return []
    attached = list(publication.documents.select_related("document").exclude(document__isnull=True))
    document_ids = {item.document_id for item in attached}
    # Files removed from the publication take their text with them.
    PublicationText.objects.filter(publication=publication).exclude(
        document_id__in=document_ids
    ).delete()
    DocumentExtraction.objects.filter(publication=publication).exclude(
        document_id__in=document_ids
    ).delete()
    outcomes = []
    for item in attached:
        outcomes.append(_extract_document(publication, item))
    return outcomes


def _extract_document(publication: PublicationPage, item: PublicationDocument):
    document = item.document
    extraction, _created = DocumentExtraction.objects.get_or_create(
        publication=publication, document=document
    )
    file_hash = document.file_hash or ""
    if (
        file_hash
        and extraction.file_hash == file_hash
        and extraction.status != ExtractionStatus.PENDING
    ):
        return extraction
    pages: list[str] = []
    zawgyi_pages: set[int] = set()
    if not document.file.name.lower().endswith(".pdf"):
        status, message = ExtractionStatus.NOT_PDF, _("Text is extracted from PDF files only.")
    else:
        try:
            with document.file.open("rb") as handle:
                data = handle.read()
        except OSError:
            status, message = ExtractionStatus.MISSING, _("The file is missing from storage.")
        else:
            result = extract_pdf_text(data)
            status, message = result.status, result.message
            pages, zawgyi_pages = result.pages, result.zawgyi_pages
    with transaction.atomic():
        PublicationText.objects.filter(publication=publication, document=document).delete()
        PublicationText.objects.bulk_create(
            PublicationText(
                publication=publication,
                document=document,
                page_number=number,
                language=item.language,
                text=text,
                zawgyi_detected=number in zawgyi_pages,
            )
            for number, text in enumerate(pages, start=1)
            if text
        )
        extraction.status = status
        extraction.message = message
        extraction.page_count = len(pages)
        extraction.zawgyi_detected = bool(zawgyi_pages)
        extraction.file_hash = file_hash
        extraction.save()
    return extraction


# The search index ------------------------------------------------------------------------


def do_update_publication_in_index(publication_id: int) -> str:
    """
    Bring one publication's search entries up to date: index it when live, remove it
    otherwise. Returns "updated", or "queued" when the engine did not answer: the change
    then waits in the retry queue (PendingIndexUpdate) instead of being lost.
    """
    backend = get_search_backend()
    database = get_search_backend(DATABASE_BACKEND)
    if backend.name != database.name:
        # The database answers when the engine is down: its terms are kept current too.
        database.index_publication(publication_id)
    started = timezone.now()
    try:
        backend.index_publication(publication_id)
    except (SearchUnavailable, *ENGINE_ERRORS) as error:
        # Publishing must not fail because the engine is down.
        logger.warning(
            "Could not update publication %s in the search index (%s); queued for a retry.",
            publication_id,
            search_client.describe(error),
        )
        _queue_index_retry(publication_id)
        return "queued"
    # A retry queued before this update began is answered by it.
    PendingIndexUpdate.objects.filter(
        publication_id=publication_id, changed_at__lte=started
    ).delete()
    return "updated"


def _queue_index_retry(publication_id: int) -> None:
    now = timezone.now()
    waiting = PendingIndexUpdate.objects.filter(publication_id=publication_id).update(
        changed_at=now, attempts=F("attempts") + 1
    )
    if not waiting:
        PendingIndexUpdate.objects.get_or_create(
            publication_id=publication_id, defaults={"changed_at": now}
        )


def do_retry_pending_index_updates(limit: int = 1000) -> tuple[int, int]:
    """
    Send what waits in the retry queue to the engine, oldest change first; returns how many
    went through and how many still wait. The first failure ends the run: the engine is
    still down, and the next run (a minute later, deploy/crontab) tries again.
    """
    backend = get_search_backend()
    if not backend.keeps_index:
        # The database's own terms were written with the change; there is nothing to send.
        PendingIndexUpdate.objects.all().delete()
        return 0, 0
    sent = 0
    for pending in PendingIndexUpdate.objects.order_by("changed_at")[:limit]:
        try:
            backend.index_publication(pending.publication_id)
        except (SearchUnavailable, *ENGINE_ERRORS) as error:
            PendingIndexUpdate.objects.filter(pk=pending.pk).update(attempts=F("attempts") + 1)
            logger.warning(
                "The search index is still unreachable (%s); %s updates wait for a retry.",
                search_client.describe(error),
                PendingIndexUpdate.objects.count(),
            )
            break
        # Only if no newer change came in meanwhile (that one queued itself again).
        PendingIndexUpdate.objects.filter(pk=pending.pk, changed_at=pending.changed_at).delete()
        sent += 1
    return sent, PendingIndexUpdate.objects.count()


# The search thesaurus ---------------------------------------------------------------


class LibraryVerb(models.TextChoices):
    THESAURUS_SAVED = "thesaurus.saved", gettext_lazy("Thesaurus concept saved")
    THESAURUS_DELETED = "thesaurus.deleted", gettext_lazy("Thesaurus concept deleted")
    SEARCH_INDEX_REBUILD = (
        "search_index.rebuild_requested",
        gettext_lazy("Search index rebuild requested"),
    )


def _refuse_unless_thesaurus_editor(viewer: Viewer) -> None:
    if not can_edit_thesaurus(viewer):
        raise ActionRefused(_("Only the secretariat edits the search thesaurus."))


def check_thesaurus_concept(concept: ThesaurusConcept) -> None:
    """Raise ValidationError (by field) unless `concept` may be saved as it is."""
    errors = concept_errors(concept.name, concept.cells(), exclude_pk=concept.pk)
    if errors:
        raise ValidationError(
            {
                NON_FIELD_ERRORS if key is None else LANGUAGE_FIELDS.get(key, key): messages
                for key, messages in errors.items()
            }
        )


def _concept_terms(concept: ThesaurusConcept) -> list[str]:
    return [term for cell in concept.cells().values() for term in split_terms(cell)]


def _after_thesaurus_change(number: int, terms: list[str]) -> None:
    """
    Every process reads the thesaurus again; the database backend re-reads the publications
    the change touches (those indexed under the concept, or holding one of its terms now),
    so its searches follow at once. Elasticsearch follows at the next rebuild.
    """
    forget_thesaurus()
    reindex_concept_in_database.enqueue(number, terms)


def do_save_thesaurus_concept(
    viewer: Viewer, concept: ThesaurusConcept, *, changed=()
) -> ThesaurusConcept:
    """Save a concept of the thesaurus (new or edited), checked, audited, and put to use."""
    _refuse_unless_thesaurus_editor(viewer)
    check_thesaurus_concept(concept)
    with transaction.atomic():
        created = concept.pk is None
        concept.save()
        record(
            viewer.user,
            LibraryVerb.THESAURUS_SAVED,
            target=concept,
            changes={"created": created, "fields": sorted(changed)},
        )
        number, terms = concept.pk, _concept_terms(concept)
        transaction.on_commit(lambda: _after_thesaurus_change(number, terms))
    return concept


def do_delete_thesaurus_concept(viewer: Viewer, concept: ThesaurusConcept) -> None:
    """Delete a concept: its terms no longer find one another."""
    _refuse_unless_thesaurus_editor(viewer)
    with transaction.atomic():
        number = concept.pk
        record(viewer.user, LibraryVerb.THESAURUS_DELETED, target=concept)
        concept.delete()
        transaction.on_commit(lambda: _after_thesaurus_change(number, []))


def do_rebuild_search_index(viewer: Viewer) -> None:
    """
    Ask for the search index to be rebuilt with the thesaurus as it is now (a background
    task): a new index is filled while the current one goes on answering, and replaces it
    only once complete.
    """
    _refuse_unless_thesaurus_editor(viewer)
    with transaction.atomic():
        record(viewer.user, LibraryVerb.SEARCH_INDEX_REBUILD, target=_("search index"))
        transaction.on_commit(rebuild_search_index.enqueue)
