"""
Who may see a publication and its files, composed only from `portal.permissions`.

A publication is seen by whoever its access level (and Wagtail page privacy) admits;
a draft, and a draft's files, by the secretariat only. Lists (related publications,
sitemaps) show published ones only. Listings by query use `publications_for` in
`knowledge.models`, built on `portal.permissions.filter_viewable`. Every path (page,
files, related links, sitemap) asks these functions.
"""

from __future__ import annotations

from portal.permissions import Viewer, can_view


def can_see_publication(viewer: Viewer, publication) -> bool:
    """May `viewer` open this publication's page and files (a draft: the secretariat only)?"""
    return (publication.live or viewer.is_secretariat) and can_view(viewer, publication)


def can_list_publication(viewer: Viewer, publication) -> bool:
    """May this publication appear in a list `viewer` reads (published ones only)?"""
    return publication.live and can_view(viewer, publication)


def can_import_publications(viewer: Viewer) -> bool:
    """Bulk import publishes into the library: the secretariat's work."""
    return viewer.is_secretariat


def can_edit_thesaurus(viewer: Viewer) -> bool:
    """
    The search thesaurus decides what a query finds in every language, and a rebuild of
    the index follows from it: the secretariat's work.
    """
    return viewer.is_secretariat
