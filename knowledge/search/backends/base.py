"""The interface every publication search backend implements."""

from __future__ import annotations

from knowledge.search.query import SearchQuery
from knowledge.search.results import SearchResults
from portal.permissions import Viewer


class SearchUnavailable(Exception):
    """The engine cannot answer right now (down, timing out, index missing)."""


class SearchBackend:
    """Search publications for a viewer: only what `viewer` may see, ever."""

    name = "base"
    # Whether the backend keeps its own index that publishing must update.
    keeps_index = False

    def search(self, query: SearchQuery, viewer: Viewer) -> SearchResults:
        raise NotImplementedError

    def ranked_ids(self, query: SearchQuery, viewer: Viewer, limit: int) -> list[int]:
        """Ids of the first `limit` publications the viewer may see that `query` finds, in order."""
        raise NotImplementedError

    def autocomplete(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[dict]:
        """Titles starting with `prefix` that the viewer may see: [{"title", "url"}]."""
        raise NotImplementedError

    def more_like_this(self, publication_id: int, viewer: Viewer, limit: int = 5) -> list[dict]:
        """
        Publications like this one that the viewer may see, most alike first:
        [{"id", "title", "url"}]. Never the publication itself.
        """
        raise NotImplementedError

    def index_publication(self, publication_id: int) -> None:
        """Bring the index up to date for one publication (indexed, updated or removed)."""

    def remove_publication(self, publication_id: int) -> None:
        """Take a publication out of the index."""

    def rebuild(self, progress=None) -> int:
        """
        Index every live publication again; searches are answered from the previous index
        until the new one is complete (never a half-built one). Returns how many.
        """
        raise NotImplementedError
