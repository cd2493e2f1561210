"""The library index and publication pages, with their authors, files and relations."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.response import TemplateResponse
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
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from knowledge.citations import CITATION_FORMATS
from knowledge.feeds import atom_feed
from knowledge.forms import LibraryFilterForm
from knowledge.panels import ExtractionStatusPanel
from knowledge.structured_data import json_ld, schema_org
from knowledge.uploads import check_library_document
from portal.languages import language_name as portal_language_name
from portal.models import AccessControlled, AccessLevel
from portal.params import BadParameter, parse_int
from portal.permissions import ANONYMOUS, Viewer, can_view, filter_viewable, viewer_for_request

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


def language_name(code: str) -> str:
    """The language of `code` named in the reader's language ("ไทย" on a Thai page)."""
    return portal_language_name(code)


def listing_page_number(raw: str | None) -> int:
    """The listing page asked for; 1 for anything that is not one (past the end: the last)."""
    try:
        return parse_int(raw or "1", minimum=1)
    except BadParameter:
        return 1


class LibraryIndexPage(RoutablePageMixin, Page):
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

    @path("")
    def listing(self, request):
        form = LibraryFilterForm(request.GET or None)
        publications = publications_for(viewer_for_request(request), within=self)
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
        publications = publications_for(ANONYMOUS, within=self)
        if form.is_bound:
            publications = form.filter(publications)
        return atom_feed(request, self, publications.order_by("-first_published_at")[:50])


class PublicationTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.PublicationPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PublicationPage(RoutablePageMixin, AccessControlled, Page):
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
    ]
    settings_panels = [
        MultiFieldPanel(
            [FieldPanel("access_level"), FieldPanel("allowed_groups")],
            heading=_("Who can see this publication and its files"),
        ),
        *Page.settings_panels,
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
        if not can_view(viewer, self):
            if not viewer.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        # Sitemaps are public documents: restricted publications never appear in them.
        if not can_view(ANONYMOUS, self):
            return []
        return super().get_sitemap_urls(request)

    @property
    def is_public(self) -> bool:
        return self.access_level == AccessLevel.PUBLIC

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
        page_url = self.get_full_url(request) or request.build_absolute_uri()
        files = [item for item in self.documents.select_related("document") if item.document]
        context["files"] = files
        context["page_url"] = page_url
        context["citation_formats"] = CITATION_FORMATS
        context["schema_org"] = json_ld(
            schema_org(self, page_url, [request.build_absolute_uri(f.document.url) for f in files])
        )
        context["related_publications"] = [
            link.target
            for link in self.related_links.select_related("target")
            if link.target.live and can_view(viewer, link.target)
        ]
        context["similar_publications"] = self.similar_publications(
            viewer, shown={p.pk for p in [*editions, *context["related_publications"]]}
        )
        return context

    def similar_publications(self, viewer, shown=frozenset(), limit: int = 5) -> list[dict]:
        """ "More like this": from the search engine, without what the page already lists."""
        # Imported here: the search package imports this module's models.
        from knowledge.search.backends import more_like_this

        alike = more_like_this(self.pk, viewer, limit + len(shown))
        return [item for item in alike if item["id"] not in shown][:limit]

    @path("cite/<str:style>/")
    def citation(self, request, style):
        if style not in CITATION_FORMATS:
            raise Http404
        citation_format = CITATION_FORMATS[style]
        text = citation_format.render(self, self.full_url or request.build_absolute_uri())
        if citation_format.content_type == "application/vnd.citationstyles.csl+json":
            response = JsonResponse(text, safe=False, content_type=citation_format.content_type)
        else:
            response = HttpResponse(text, content_type=citation_format.content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{self.slug}.{citation_format.extension}"'
        )
        return response


class PublicationAuthor(Orderable):
    """An author: a person (by name) or an organisation, in the order of the title page."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(
        _("person"), max_length=255, blank=True, help_text=_("Leave empty for an organisation.")
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def clean(self):
        if not self.name and not self.organisation_id:
            raise ValidationError(_("Give the author's name or choose an organisation."))

    @property
    def is_person(self) -> bool:
        return bool(self.name)

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


def publications_for(viewer: Viewer, *, within: Page | None = None):
    """Live publications `viewer` may see, newest first; the one query every listing uses."""
    publications = PublicationPage.objects.live()
    if within is not None:
        publications = publications.descendant_of(within)
    publications = filter_viewable(viewer, publications)
    return publications.select_related("publication_type").order_by(
        "-publication_date", "-first_published_at"
    )
