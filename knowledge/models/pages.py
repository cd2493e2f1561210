"""The library index and publication pages, with their authors, files and relations."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from knowledge.access import can_list_publication, can_see_publication
from knowledge.citations import CITATION_FORMATS
from knowledge.feeds import atom_feed
from knowledge.forms import LibraryFilterForm
from knowledge.names import AuthorName, NameOrder
from knowledge.panels import ExtractionStatusPanel

# The search entry points import no model: the backends that do are loaded by their
# dotted path (COMMIT_SEARCH_BACKEND) when a search runs, so pages may ask for "more like this".
from knowledge.search.backends import more_like_this
from knowledge.structured_data import json_ld, og_locale, schema_org, scholar_tags
from knowledge.uploads import check_library_document
from portal.blocks import BaseStreamBlock
from portal.cldr import language_name as portal_language_name
from portal.languages import ReaderLanguagePage
from portal.models import AccessControlled
from portal.params import BadParameter, parse_int
from portal.permissions import ANONYMOUS, Viewer, filter_viewable, viewer_for_request
from portal.refusals import refuse
from portal.site_root import absolute_url, page_url

LISTING_PAGE_SIZE = 20


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0")
    CC_BY_NC = "CC-BY-NC-4.0", _("Creative Commons Attribution-NonCommercial 4.0")
    CC_BY_NC_ND = "CC-BY-NC-ND-4.0", _("Creative Commons Attribution-NonCommercial-NoDerivs 4.0")
    PUBLIC_DOMAIN = "CC0-1.0", _("Public domain (CC0)")
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.PUBLIC_DOMAIN: "https://creativecommons.org/publicdomain/zero/1.0/",
}


def card_image_url(page) -> str:
    """The image link previews show: the cover (cropped to 1200x630), else the portal's card."""
    if page.cover_image_id:
        return absolute_url(page.cover_image.get_rendition("fill-1200x630").url)
    return absolute_url(static("knowledge/card.png"))


def language_name(code: str) -> str:
    """The language of `code` named in the reader's language ("ไทย" on a Thai page)."""
    return portal_language_name(code)


def listing_page_number(raw: str | None) -> int:
    """The listing page asked for; 1 for anything that is not one (past the end: the last)."""
    try:
        return parse_int(raw or "1", minimum=1)
    except BadParameter:
        return 1


class LibraryIndexPage(ReaderLanguagePage, RoutablePageMixin, Page):
    """/library/: every publication the reader may see, filterable, with an Atom feed."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.PublicationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("library index page")

    @property
    def shelves(self) -> Page:
        """
        The library whose publications this page lists. Publications live once, in the
        English tree, whatever their language; the library of another language (an alias
        or a translation of this page) lists them all.
        """
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return self.get_translation_or_none(Locale.get_default()) or self

    @path("")
    def listing(self, request):
        form = LibraryFilterForm(request.GET or None)
        publications = publications_for(
            viewer_for_request(request), within=self.shelves, reader_language=get_language()
        )
        status = 200
        if form.is_bound:
            if form.is_valid():
                publications = form.filter(publications)
            else:
                status = 400
        page = Paginator(publications, LISTING_PAGE_SIZE).get_page(
            listing_page_number(request.GET.get("page"))
        )
        query = request.GET.copy()
        query.pop("page", None)
        context = self.get_context(request)
        context.update(
            {"filter_form": form, "publications": page, "filter_query": query.urlencode()}
        )
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @path("feed/")
    def feed(self, request):
        # Feeds are fetched anonymously and cached by readers: only public publications.
        form = LibraryFilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain")
        publications = publications_for(
            ANONYMOUS, within=self.shelves, reader_language=get_language()
        )
        if form.is_bound:
            publications = form.filter(publications)
        return atom_feed(request, self, publications.order_by("-first_published_at")[:50])


class PublicationTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.PublicationPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PublicationPage(ReaderLanguagePage, RoutablePageMixin, AccessControlled, Page):
    """One publication: its record, its files and the other language editions of the work."""

    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    countries = ParentalManyToManyField(
        "portal.Country", verbose_name=_("countries covered"), blank=True, related_name="+"
    )
    areas = ParentalManyToManyField(
        "knowledge.SpaArea", verbose_name=_("SPA IV areas"), blank=True, related_name="+"
    )
    forms = ParentalManyToManyField(
        "knowledge.ExploitationForm",
        verbose_name=_("forms of exploitation"),
        blank=True,
        related_name="+",
    )
    publication_type = models.ForeignKey(
        "knowledge.PublicationType",
        verbose_name=_("publication type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    tags = ClusterTaggableManager(through=PublicationTag, blank=True, verbose_name=_("tags"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    doi = models.CharField(_("DOI"), max_length=255, blank=True, help_text=_("e.g. 10.1234/abcd"))
    external_url = models.URLField(_("external URL"), blank=True)
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices, blank=True)
    # Language editions are one work: each edition points at the first (original) one.
    # A separate field rather than Wagtail's translation_key, because an edition is a
    # publication in its own right (own files, ISBN, date, authors) that lives in the
    # one library tree, whatever the language of the reader's interface.
    edition_of = models.ForeignKey(
        "self",
        verbose_name=_("language edition of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Choose the original publication when this is a translation of it."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("summary"),
        InlinePanel("authors", label=_("Authors"), heading=_("Authors")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("publication_date")]),
                FieldRowPanel([FieldPanel("publication_type"), FieldPanel("language")]),
                PageChooserPanel("edition_of", "knowledge.PublicationPage"),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("cover_image"),
        InlinePanel("documents", label=_("Files"), heading=_("Files")),
        ExtractionStatusPanel(),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("countries"),
                FieldPanel("areas"),
                FieldPanel("forms"),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("isbn"), FieldPanel("doi")]),
                FieldPanel("external_url"),
                FieldPanel("licence"),
            ],
            heading=_("Identifiers and licence"),
        ),
        InlinePanel("related_links", label=_("Related publications")),
        # On the content tab, as for meetings and consultations: one place for "who can see this".
        MultiFieldPanel(
            [FieldPanel("access_level"), FieldPanel("allowed_groups")],
            heading=_("Who can see this publication and its files"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("publisher"),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("access_level"),
        index.FilterField("language"),
        index.FilterField("publication_date"),
    ]
    api_fields = [
        APIField("subtitle"),
        APIField("summary"),
        APIField("publisher"),
        APIField("publication_date"),
        APIField("language"),
        APIField("isbn"),
        APIField("doi"),
        APIField("external_url"),
        APIField("licence"),
        APIField("author_names"),
        APIField("country_codes"),
        APIField("area_slugs"),
        APIField("form_slugs"),
        APIField("type_slug"),
        APIField("tag_names"),
    ]

    parent_page_types = ["knowledge.LibraryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    # Access -----------------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        viewer = viewer_for_request(request)
        if not can_see_publication(viewer, self):
            return refuse(request, viewer)
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        # Sitemaps are public documents: restricted publications never appear in them.
        if not can_list_publication(ANONYMOUS, self):
            return []
        return super().get_sitemap_urls(request)

    def alternate_group(self) -> tuple[str, str]:
        """For the sitemap's hreflang: the work this is an edition of, and its language."""
        return f"publication-{self.edition_of_id or self.pk}", self.language

    # Derived values used by templates, the API, citations and OAI ------------------

    @property
    def author_names(self) -> list[str]:
        return [author.display_name for author in self.authors.all()]

    @property
    def country_codes(self) -> list[str]:
        return [country.code for country in self.countries.all()]

    @property
    def area_slugs(self) -> list[str]:
        return [area.slug for area in self.areas.all()]

    @property
    def form_slugs(self) -> list[str]:
        return [form.slug for form in self.forms.all()]

    @property
    def type_slug(self) -> str:
        return self.publication_type.slug if self.publication_type else ""

    @property
    def tag_names(self) -> list[str]:
        return [tag.name for tag in self.tags.all()]

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @property
    def work(self) -> PublicationPage:
        """The original publication of which this page is one language edition."""
        return self.edition_of if self.edition_of_id else self

    def language_editions(self, viewer):
        """The other language editions of this work that `viewer` may see."""
        root = self.work
        editions = publications_for(viewer).filter(
            models.Q(pk=root.pk) | models.Q(edition_of=root.pk)
        )
        return editions.exclude(pk=self.pk).order_by("language")

    def clean(self):
        super().clean()
        if self.edition_of_id:
            if self.edition_of_id == self.pk:
                raise ValidationError({"edition_of": _("A publication cannot be its own edition.")})
            # Editions point at the original, never at another edition: one level, one work.
            original = PublicationPage.objects.filter(pk=self.edition_of_id).first()
            if original is not None and original.edition_of_id:
                self.edition_of_id = original.edition_of_id

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        viewer = viewer_for_request(request)
        editions = list(self.language_editions(viewer))
        context["language_editions"] = editions
        canonical_url = page_url(self)
        files = [item for item in self.documents.select_related("document") if item.document]
        context["files"] = files
        context["page_url"] = canonical_url
        context["citation_formats"] = CITATION_FORMATS
        context["og_image_url"] = card_image_url(self)
        context["og_locale"] = og_locale(self.language)
        # What search engines and Scholar read is for everyone: only a public page names
        # its PDF and its (public) language editions.
        public = can_see_publication(ANONYMOUS, self)
        pdf_url = self.public_pdf_url(files) if public else ""
        context["scholar_tags"] = scholar_tags(self, pdf_url)
        context["alternates"] = (
            [
                (page.language, page_url(page), og_locale(page.language))
                for page in [self, *self.language_editions(ANONYMOUS)]
            ]
            if public
            else []
        )
        context["schema_org"] = json_ld(
            schema_org(self, canonical_url, [absolute_url(f.document.url) for f in files])
        )
        context["related_publications"] = [
            link.target
            for link in self.related_links.select_related("target")
            if can_list_publication(viewer, link.target)
        ]
        context["similar_publications"] = self.similar_publications(
            viewer, shown={p.pk for p in [*editions, *context["related_publications"]]}
        )
        return context

    def public_pdf_url(self, files) -> str:
        """The PDF a reader (or Scholar) should read: one in the page's language first."""
        pdfs = [item for item in files if item.document.file_extension.lower() == "pdf"]
        pdfs.sort(key=lambda item: item.language != self.language)
        return absolute_url(pdfs[0].document.url) if pdfs else ""

    def similar_publications(self, viewer, shown=frozenset(), limit: int = 5) -> list[dict]:
        """ "More like this": from the search engine, without what the page already lists."""
        alike = more_like_this(self.pk, viewer, limit + len(shown))
        return [item for item in alike if item["id"] not in shown][:limit]

    @path("cite/<str:style>/")
    def citation(self, request, style):
        if style not in CITATION_FORMATS:
            raise Http404
        citation_format = CITATION_FORMATS[style]
        text = citation_format.render(self, page_url(self))
        if citation_format.content_type == "application/vnd.citationstyles.csl+json":
            response = JsonResponse(text, safe=False, content_type=citation_format.content_type)
        else:
            response = HttpResponse(text, content_type=citation_format.content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{self.slug}.{citation_format.extension}"'
        )
        return response


class PublicationAuthor(Orderable):
    """
    An author, in the order of the title page: a person (family and given names, in the
    order their language writes them, or a single name) or an organisation.
    """

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    family_name = models.CharField(
        _("family name"),
        max_length=255,
        blank=True,
        help_text=_("A single name (as in Burmese) or an organisation's name goes here whole."),
    )
    given_name = models.CharField(_("given names"), max_length=255, blank=True)
    name_order = models.CharField(
        _("kind of name"),
        max_length=20,
        choices=NameOrder.choices,
        default=NameOrder.GIVEN_FIRST,
        help_text=_("How the name is written: Nguyễn Thị Minh is family name first."),
    )
    # The name as written (composed from the parts on save): what pages and search show.
    name = models.CharField(_("name as written"), max_length=255, blank=True, editable=False)
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("family_name"), FieldPanel("given_name")]),
        FieldPanel("name_order"),
        FieldPanel("organisation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def clean(self):
        self.sync_name()
        if not self.name and not self.organisation_id:
            raise ValidationError(_("Give the author's name or choose an organisation."))

    def save(self, *args, **kwargs):
        self.sync_name()
        super().save(*args, **kwargs)

    def sync_name(self) -> None:
        """Parts from a name given only as written (older rows, callers), else name from parts."""
        if not (self.family_name or self.given_name) and self.name:
            parts = AuthorName.from_written(self.name, self.name_order)
            self.family_name, self.given_name = parts.family, parts.given
        self.name = self.author_name.display if (self.family_name or self.given_name) else ""

    @property
    def author_name(self) -> AuthorName:
        """The parts of a name typed in; an organisation chosen from the list is by name."""
        if not (self.family_name or self.given_name) and self.organisation_id:
            return AuthorName(family=self.organisation.name, order=NameOrder.ORGANISATION)
        return AuthorName(
            family=self.family_name.strip(), given=self.given_name.strip(), order=self.name_order
        )

    @property
    def is_person(self) -> bool:
        return bool(self.name) and self.name_order != NameOrder.ORGANISATION

    @property
    def display_name(self) -> str:
        return self.name or (self.organisation.name if self.organisation else "")

    def __str__(self):
        return self.display_name


class PublicationDocument(Orderable):
    """One file of a publication (the report, an annex, a summary), with its language."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    label = models.CharField(
        _("label"), max_length=120, blank=True, help_text=_("e.g. Full report, Annex, Summary")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )

    panels = [FieldPanel("document"), FieldPanel("label"), FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def clean(self):
        if self.document_id is None:
            raise ValidationError({"document": _("Choose a file.")})
        check_library_document(self.document)

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    def __str__(self):
        return self.label or (self.document.title if self.document else "")


class RelatedPublication(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        PublicationPage,
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("target", "knowledge.PublicationPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related publication")
        verbose_name_plural = _("related publications")


def publications_for(viewer: Viewer, *, within: Page | None = None, reader_language: str = ""):
    """
    Live publications `viewer` may see, newest first; the one query every listing uses.

    With `reader_language`, the editions of one work stay together (in the order of the
    work's original) and the reader's own-language edition comes first among them.
    """
    publications = PublicationPage.objects.live()
    if within is not None:
        publications = publications.descendant_of(within)
    publications = filter_viewable(viewer, publications).select_related("publication_type")
    if not reader_language:
        return publications.order_by("-publication_date", "-first_published_at")
    return publications.annotate(
        work_date=Coalesce("edition_of__publication_date", "publication_date"),
        work_published=Coalesce("edition_of__first_published_at", "first_published_at"),
        work_key=Coalesce("edition_of_id", "id"),
        elsewhere=Case(When(language=reader_language, then=Value(0)), default=Value(1)),
    ).order_by(
        F("work_date").desc(nulls_last=True),
        F("work_published").desc(nulls_last=True),
        "work_key",
        "elsewhere",
        "language",
    )
