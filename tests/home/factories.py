"""
Factories for Wagtail's own objects: pages under a parent (published by default),
the home page as the default site's root, and documents.
"""

import factory
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from home.demo import ensure_wagtail_roots
from home.models import HomePage


class PageFactory(factory.Factory):
    """
    A page added under `parent` as an editor adds it, then published with a revision
    (`publish=False` only adds it). Subclasses set `Meta.model`; other fields go to the page.
    """

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: f"{page.title.lower().replace(' ', '-')}")

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *, parent, publish=True, **fields):
        page = parent.add_child(instance=model_class(**fields))
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page


class HomePageFactory(PageFactory):
    """The English home page, under Wagtail's root, as the default site's root page."""

    title = "COMMIT Portal"
    slug = "commit-home"
    hero_title = "Hi"
    locale = factory.LazyFunction(
        lambda: Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    )

    class Meta:
        model = HomePage

    @classmethod
    def _create(cls, model_class, *, parent=None, publish=False, **fields):
        # A transactional test before this one may have flushed Wagtail's root page away.
        ensure_wagtail_roots()
        home = super()._create(
            model_class, parent=parent or Page.get_first_root_node(), publish=publish, **fields
        )
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        return home


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document in Wagtail's library with a small text file."""

    title = factory.Sequence(lambda n: f"Paper {n}")
    file = factory.LazyAttribute(
        lambda document: ContentFile(
            b"paper", name=f"{document.title.lower().replace(' ', '-')}.txt"
        )
    )

    class Meta:
        model = get_document_model()
