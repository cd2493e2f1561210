"""The library's part of the home page: the latest research this reader may see."""

from knowledge.models import publications_for
from portal.permissions import viewer_for_request
from portal.sections import SectionItem

HOME_SECTION_SIZE = 5
# The library index's place in the English tree (knowledge.demo creates it there).
LIBRARY_URL = "/library/"


def latest_research(request) -> list[SectionItem]:
    publications = publications_for(viewer_for_request(request))[:HOME_SECTION_SIZE]
    return [
        SectionItem(
            title=publication.title,
            url=publication.get_url(request),
            when=publication.first_published_at,
            summary=publication.summary[:240],
        )
        for publication in publications
    ]
