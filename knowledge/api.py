"""The publications endpoint of the Wagtail API: only what the caller may see."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from rest_framework.filters import BaseFilterBackend
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from knowledge.models import PublicationPage, publications_for
from knowledge.search.backends import search_publication_ids
from knowledge.search.query import SearchQuery, search_text, searchable
from portal.params import BadParameter, has_control_characters, parse_int
from portal.permissions import viewer_for_request
from portal.site_root import page_url

# Parameters Wagtail reads with int() (and then hands to the database or to slicing).
INTEGER_PARAMETERS = frozenset(
    ["limit", "offset", "id", "child_of", "ancestor_of", "descendant_of", "translation_of"]
)
# ...of which these also accept the word "root".
ROOT_PARAMETERS = frozenset(["child_of", "descendant_of"])
SEARCH_OPERATORS = frozenset(["and", "or"])
# ?search= lists at most this many of the best matches (and counts them in total_count).
API_SEARCH_LIMIT = 1000


class PublicationSearchFilter(BaseFilterBackend):
    """
    ?search= through the library's search (knowledge.search), so the API finds what the
    library page finds, in every language and with the thesaurus, for the same viewer.
    Wagtail's own search filter asked a different index that reads Thai or Chinese as one
    word per sentence. Runs last: the other filters narrow the queryset first.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        text, _cut = searchable(search_text(request.GET["search"]))
        viewer = viewer_for_request(request)
        ids = search_publication_ids(SearchQuery(text=text), viewer, API_SEARCH_LIMIT)
        queryset = queryset.filter(pk__in=ids)
        if "order" in request.GET:
            return queryset
        position = Case(
            *(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)),
            default=Value(len(ids)),
            output_field=IntegerField(),
        )
        return queryset.order_by(position) if ids else queryset


class CanonicalHtmlUrlField(PageHtmlUrlField):
    """html_url from the canonical site root, not the Wagtail Site record's hostname."""

    def to_representation(self, page):
        return page_url(page) or None


class PublicationSerializer(PageSerializer):
    html_url = CanonicalHtmlUrlField(read_only=True)


class PublicationsAPIViewSet(PagesAPIViewSet):
    model = PublicationPage
    base_serializer_class = PublicationSerializer
    body_fields = [*PagesAPIViewSet.body_fields]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "subtitle",
        "publication_date",
        "language",
        "author_names",
    ]
    # Filters for the listing beyond Wagtail's own (type, child_of, search...).
    known_query_parameters = PagesAPIViewSet.known_query_parameters
    filter_backends = [
        PublicationSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Wagtail's filters pass most values straight to PostgreSQL or the search backend,
        # which answer a NUL byte, "zzz" as a date or a 23-digit id with an exception (a
        # 500). Every value is parsed here first, for every view (listing, detail, find).
        pk = kwargs.get("pk")
        if pk is not None and not 0 < int(pk) <= self._integer_range(self.model._meta.pk)[1]:
            raise Http404("not found")
        for name, values in request.GET.lists():
            for value in values:
                self.parse_query_parameter(name, value)

    def parse_query_parameter(self, name: str, value: str) -> None:
        """Raise BadRequestError (a 400 with a message) for a value the endpoint cannot use."""
        if has_control_characters(name) or has_control_characters(value):
            raise BadRequestError(f"{name}: control characters (such as NUL) are not allowed")
        if name in INTEGER_PARAMETERS:
            if name in ROOT_PARAMETERS and value == "root":
                return
            try:
                parse_int(value)
            except BadParameter as error:
                raise BadRequestError(f"{name} must be a positive integer: {error}") from error
        elif name == "search_operator":
            if value not in SEARCH_OPERATORS:
                raise BadRequestError("search_operator must be 'and' or 'or'")
        elif name in self.get_available_fields(self.model, db_fields_only=True):
            self._parse_field_value(name, value)

    def _parse_field_value(self, name: str, value: str) -> None:
        """A field filter (?publication_date=...) as its model field would read it."""
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return
        if isinstance(field, TaggableManager) or not isinstance(field, models.Field):
            return  # tags are filtered by name: any text will do
        if isinstance(field, models.BooleanField):
            return  # Wagtail's own parse_boolean answers 400
        if field.is_relation:
            field = field.target_field
        try:
            if isinstance(field, models.IntegerField | models.AutoField):
                minimum, maximum = self._integer_range(field)
                parse_int(value, minimum=minimum, maximum=maximum)
            else:
                field.to_python(value)
        except (BadParameter, ValidationError) as error:
            message = error.messages[0] if isinstance(error, ValidationError) else str(error)
            raise BadRequestError(f"{name}: {message}") from error

    @staticmethod
    def _integer_range(field) -> tuple[int, int]:
        while field.is_relation:  # a page's pk is its page_ptr, whose target is Page.id
            field = field.target_field
        minimum, maximum = connection.ops.integer_field_range(field.get_internal_type())
        return minimum if minimum is not None else -(2**63), maximum or 2**63 - 1

    def get_queryset(self):
        # The caller's rights (session sign-in, with its second factor) decide, as on pages.
        viewer = viewer_for_request(self.request)
        return publications_for(viewer).order_by("-first_published_at")

    def get_base_queryset(self):
        return self.get_queryset()
