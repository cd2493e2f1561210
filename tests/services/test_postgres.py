import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from home.models import HomePage, StandardPage

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_database_search_backend_runs_postgres_full_text(
    demo_site, django_capture_on_commit_callbacks
):
    home = HomePage.objects.get(locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        fishing = home.add_child(
            instance=StandardPage(
                title="Stranded at sea",
                slug="stranded-at-sea",
                introduction="Fishermen from Cambodia and Myanmar stranded on remote islands.",
            )
        )
        fishing.save_revision().publish()

    backend = get_search_backend()
    results = list(backend.search("stranded islands", StandardPage.objects.live()))

    assert connection.vendor == "postgresql"
    assert "postgres" in type(backend).__module__
    assert [page.pk for page in results] == [fishing.pk]
