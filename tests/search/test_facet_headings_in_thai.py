"""The search page's facet headings are in the reader's language (they were fixed to English
when the module was imported, because they were translated eagerly at import time)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_facet_headings_follow_the_reader(content, backend, client):
    thai = client.get("/th/library/search/", {"q": "fleets"}).content.decode()
    assert "<h2>ประเทศ</h2>" in thai
    assert "<h2>Country</h2>" not in thai
    english = client.get("/library/search/", {"q": "fleets"}).content.decode()
    assert "<h2>Country</h2>" in english
