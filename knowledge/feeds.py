"""The library's Atom feed of new publications (/library/feed/)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.site_root import absolute_url, page_url


def atom_feed(request, index_page, publications: Iterable) -> HttpResponse:
    """An Atom document for `publications`, which the caller has already limited to public ones."""
    feed = Atom1Feed(
        title=_("COMMIT research library"),
        link=page_url(index_page),
        description=_("New research, policy briefs and data on trafficking in the Mekong region."),
        feed_url=absolute_url(request.get_full_path()),
        language="en",
    )
    for publication in publications:
        url = page_url(publication)
        published = publication.first_published_at
        feed.add_item(
            title=publication.title,
            link=url,
            description=publication.summary,
            unique_id=url,
            pubdate=published,
            updateddate=publication.last_published_at or published,
            author_name=", ".join(publication.author_names) or publication.publisher or None,
            categories=[area.name for area in publication.areas.all()]
            + [country.code for country in publication.countries.all()],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
