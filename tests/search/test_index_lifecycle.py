"""The index behind its alias: rebuild with a swap, and updates on publish, access, delete."""

import io

import pytest
from django.core.management import call_command

from knowledge.search import documents
from knowledge.search.indexing import all_documents
from knowledge.search.query import SearchQuery
from portal.models import AccessLevel
from portal.permissions import ANONYMOUS
from tests.search.conftest import search_on_elasticsearch

pytestmark = pytest.mark.elasticsearch


def titles(text, viewer=ANONYMOUS):
    return {hit.title for hit in search_on_elasticsearch(SearchQuery(text=text), viewer).hits}


def test_rebuild_swaps_the_alias_and_keeps_serving_meanwhile(elasticsearch_index, publish):
    publish("fishing-fleets", title="Trafficking in the fishing fleets")
    es = documents.client()
    [first_index] = documents.indices_behind_alias(es)
    served_during_rebuild = []

    def progress(count):
        # The new index is being filled: the alias still points at the old one.
        served_during_rebuild.append(titles("fishing"))
        assert documents.indices_behind_alias(es) == [first_index]

    name, count, deleted = documents.rebuild(all_documents(), progress=progress)
    assert served_during_rebuild == [{"Trafficking in the fishing fleets"}]
    assert (count, deleted) == (1, [first_index])
    assert documents.indices_behind_alias(es) == [name]
    assert not es.indices.exists(index=first_index)
    assert titles("fishing") == {"Trafficking in the fishing fleets"}


def test_a_rebuild_loads_without_replicas_or_refreshes_then_restores_them(
    elasticsearch_index, publish, settings
):
    # On this one node the replica is never assigned (yellow): the setting is what counts.
    settings.COMMIT_SEARCH_REPLICAS = 1
    publish("fishing-fleets", title="Trafficking in the fishing fleets")
    es = documents.client()
    during = []

    def progress(count):
        [building] = [
            name
            for name in es.indices.get(index=f"{elasticsearch_index}-*").body
            if name not in documents.indices_behind_alias(es)
        ]
        index = es.indices.get_settings(index=building)[building]["settings"]["index"]
        during.append((index.get("refresh_interval"), index["number_of_replicas"]))

    name, _count, _deleted = documents.rebuild(all_documents(), progress=progress)
    assert during == [("-1", "0")]
    index = es.indices.get_settings(index=name)[name]["settings"]["index"]
    assert "refresh_interval" not in index  # the default (1 s) is back
    assert index["number_of_replicas"] == "1"
    assert titles("fishing") == {"Trafficking in the fishing fleets"}


def test_a_failed_rebuild_leaves_the_old_index_answering(elasticsearch_index, publish):
    publish("fishing-fleets", title="Trafficking in the fishing fleets")
    es = documents.client()
    [first_index] = documents.indices_behind_alias(es)

    def broken_documents():
        yield from all_documents()
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        documents.rebuild(broken_documents())
    assert documents.indices_behind_alias(es) == [first_index]
    assert list(es.indices.get(index=f"{elasticsearch_index}-*").body) == [first_index]
    assert titles("fishing") == {"Trafficking in the fishing fleets"}


def test_the_command_rebuilds_with_a_progress_bar(elasticsearch_index, publish):
    publish("fishing-fleets", title="Trafficking in the fishing fleets", pages=["One.", "Two."])
    out = io.StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    assert "1/1" in out.getvalue()
    assert f"{elasticsearch_index} -> {elasticsearch_index}-" in out.getvalue()
    call_command("search_index", "--status", stdout=out)
    assert "1 publications, 2 pages of text" in out.getvalue()
    assert "before the current mapping" not in out.getvalue()


def test_access_changes_unpublishing_and_deleting_update_the_index(
    elasticsearch_index, publish, groups, viewers, refresh, django_capture_on_commit_callbacks
):
    page = publish("fishing-fleets", title="Trafficking in the fishing fleets")
    assert titles("fishing") == {"Trafficking in the fishing fleets"}
    publish(
        "fishing-fleets",
        title="Trafficking in the fishing fleets",
        access=AccessLevel.GROUPS,
        groups=[groups["government"]],
    )
    assert titles("fishing") == set()
    assert titles("fishing", viewers["government"]) == {"Trafficking in the fishing fleets"}
    assert titles("fishing", viewers["cso"]) == set()
    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.unpublish()
    refresh()
    assert titles("fishing", viewers["secretariat"]) == set()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    refresh()
    assert titles("fishing", viewers["secretariat"]) == {"Trafficking in the fishing fleets"}
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    refresh()
    assert titles("fishing", viewers["secretariat"]) == set()


def test_the_pages_of_a_publication_leave_the_index_with_it(
    elasticsearch_index, publish, viewers, refresh, django_capture_on_commit_callbacks
):
    page = publish("fishing-fleets", title="Fishing fleets", pages=["Intro.", "Boats at Ambon."])
    [hit] = search_on_elasticsearch(SearchQuery(text="Ambon"), viewers["secretariat"]).hits
    assert [page_hit.number for page_hit in hit.page_hits] == [2]
    es = documents.client()
    alias = documents.index_prefix()
    # The pages' texts are kept once, in the publication's own document.
    source = es.get(index=alias, id=page.pk)["_source"]
    assert source["pages"] == ["Intro.", "Boats at Ambon."]
    assert (
        es.count(index=alias, query={"bool": {"must_not": {"ids": {"values": [page.pk]}}}})["count"]
        == 0
    )
    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.unpublish()
    refresh()
    assert not es.exists(index=alias, id=page.pk)
    assert search_on_elasticsearch(SearchQuery(text="Ambon"), viewers["secretariat"]).total == 0


def test_status_says_when_the_index_is_older_than_the_mapping(elasticsearch_index, publish):
    publish("fishing-fleets", title="Trafficking in the fishing fleets")
    es = documents.client()
    [name] = documents.indices_behind_alias(es)
    # An index made by an older version of the code: the same alias, fewer fields.
    es.indices.delete(index=name)
    es.indices.create(index=name, mappings={"properties": {"title": {"type": "text"}}})
    es.indices.put_alias(index=name, name=elasticsearch_index)
    out = io.StringIO()
    call_command("search_index", "--status", stdout=out)
    assert "was built before the current mapping" in out.getvalue()
    assert "all_text" in out.getvalue()
    assert "run `manage.py search_index --rebuild`" in out.getvalue()
