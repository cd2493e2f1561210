"""Build or inspect the publications search indexes (Elasticsearch, and the database's terms)."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from knowledge import actions
from knowledge.search import documents
from knowledge.search.backends.database import DatabaseBackend
from knowledge.search.indexing import all_documents, indexable_publications


class ProgressBar:
    """A one-line text progress bar on the command's output (no dependency)."""

    def __init__(self, stream, total: int, width: int = 40):
        self.stream, self.total, self.width, self.done = stream, max(total, 1), width, 0
        self.interactive = getattr(stream, "isatty", lambda: False)()

    def advance(self, count: int) -> None:
        self.done += count
        filled = int(self.width * self.done / self.total)
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total}"
        self.stream.write(
            ("\r" if self.interactive else "") + line, ending="" if self.interactive else "\n"
        )
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Rebuild the publications search index: fill a new versioned index, swap the alias "
        "to it atomically (searches keep being served meanwhile) and delete the old one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="build a new index and swap")
        parser.add_argument("--status", action="store_true", help="show the alias and its index")
        parser.add_argument(
            "--database-only",
            action="store_true",
            help="rebuild only the database backend's terms (what runs without ELASTICSEARCH_URL)",
        )
        parser.add_argument(
            "--retry",
            action="store_true",
            help="send the changes the engine missed while it was down (deploy/crontab)",
        )

    def handle(
        self, *args, rebuild=False, status=False, database_only=False, retry=False, **options
    ):
        if not (rebuild or status or retry):
            raise CommandError("Say what to do: --rebuild, --retry or --status.")
        if retry:
            sent, waiting = actions.do_retry_pending_index_updates()
            self.stdout.write(f"Sent {sent} waiting updates to the search index; {waiting} wait.")
            if not (rebuild or status):
                return
        if rebuild:
            # The database backend answers when the engine is down: its terms are rebuilt too.
            total = indexable_publications().count()
            self.stdout.write(f"Indexing {total} publications into the database's terms…")
            bar = ProgressBar(self.stdout, total)
            count = DatabaseBackend().rebuild(progress=bar.advance)
            if bar.interactive:
                self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"database terms: {count} publications"))
        if database_only or not settings.ELASTICSEARCH_URL:
            if status:
                self.stdout.write("ELASTICSEARCH_URL is not set: the database answers searches.")
            return
        try:
            es = documents.client()
            if rebuild:
                total = indexable_publications().count()
                self.stdout.write(f"Indexing {total} publications into a new index…")
                bar = ProgressBar(self.stdout, total)
                name, count, deleted = documents.rebuild(all_documents(), progress=bar.advance)
                if bar.interactive:
                    self.stdout.write("")
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{documents.index_prefix()} -> {name}: {count} publications"
                        + (f"; deleted {', '.join(deleted)}" if deleted else "")
                    )
                )
            if status:
                behind = documents.indices_behind_alias(es)
                if not behind:
                    self.stdout.write(f"{documents.index_prefix()}: no index yet")
                for name in behind:
                    counted = es.search(
                        index=name,
                        size=0,
                        query={"term": {"kind": "publication"}},
                        aggs={"pages": {"sum": {"field": "page_count"}}},
                        track_total_hits=True,
                    )
                    publications = counted["hits"]["total"]["value"]
                    pages = int(counted["aggregations"]["pages"]["value"])
                    self.stdout.write(
                        f"{documents.index_prefix()} -> {name}: {publications} publications, "
                        f"{pages} pages of text"
                    )
                    missing = documents.missing_fields(es, name)
                    if missing:
                        self.stdout.write(
                            self.style.WARNING(
                                f"{name} was built before the current mapping (no "
                                f"{', '.join(missing[:6])}{', …' if len(missing) > 6 else ''}): "
                                "run `manage.py search_index --rebuild`."
                            )
                        )
        except Exception as error:
            if isinstance(error, CommandError):
                raise
            raise CommandError(f"Elasticsearch at {settings.ELASTICSEARCH_URL}: {error}") from error
        sys.stdout.flush()
