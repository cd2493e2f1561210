"""
Factories for the library: its index page and publications.

A publication is saved through `knowledge.actions.do_save_publication`, as the importer
and the admin save it (revision, publication, files and their text extraction queued).
"""

import factory

from knowledge.actions import PublicationData, do_save_publication, do_store_document_bytes
from knowledge.models import LibraryIndexPage, PublicationPage
from portal.models import AccessLevel
from tests.home.factories import PageFactory


class LibraryIndexPageFactory(PageFactory):
    title = "Research library"
    slug = "library"

    class Meta:
        model = LibraryIndexPage


class PublicationFactory(factory.Factory):
    """
    `library` is the index page; `pdf=` bytes become the publication's file (labelled
    "Full report", in the publication's language); other fields are PublicationData's.
    """

    slug = factory.Sequence(lambda n: f"publication-{n}")
    title = factory.LazyAttribute(lambda data: data.slug.replace("-", " ").capitalize())
    access_level = AccessLevel.PUBLIC
    language = "en"

    class Meta:
        model = PublicationPage

    @classmethod
    def _create(cls, model_class, *, library, pdf=None, allowed_groups=(), **fields):
        documents = []
        if pdf is not None:
            document = do_store_document_bytes(f"{fields['slug']}.pdf", pdf, title=fields["title"])
            documents = [(document, "Full report", fields["language"])]
        data = PublicationData(allowed_groups=list(allowed_groups), documents=documents, **fields)
        page, _created = do_save_publication(None, library, data)
        return page
