import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def english_after_each_test():
    """Requests under /th/ leave Thai active in the thread; later tests expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
