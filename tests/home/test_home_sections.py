import pytest

from portal.sections import SECTIONS, SectionItem, register_home_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def research_section():
    """Restore the research section's provider after a test replaces it."""
    section = SECTIONS["research"]
    original = (section.provider, section.more_url)
    yield section
    section.provider, section.more_url = original


def test_a_registered_section_lists_its_items_on_the_home_page(client, demo_site, research_section):
    register_home_section(
        "research",
        lambda request: [SectionItem(title="Trafficking in the fishing sector", url="/r/1/")],
        more_url="/library/",
    )

    html = client.get("/").content.decode()

    assert '<a href="/r/1/">Trafficking in the fishing sector</a>' in html
    assert 'href="/library/"' in html
    assert "No research has been published yet." not in html


def test_an_empty_section_says_so(client, demo_site, research_section):
    register_home_section("research", lambda request: [])

    html = client.get("/").content.decode()

    assert "No research has been published yet." in html


def test_registering_an_unknown_section_names_the_known_ones():
    with pytest.raises(KeyError, match="consultations"):
        register_home_section("weather", lambda request: [])
