"""Who sees which publication and its file: the portal's permission matrix for the library."""

import pytest

pytestmark = pytest.mark.django_db

# person → which publications they may see
MATRIX = {
    "anonymous": {"public"},
    "pending": {"public"},
    "cso": {"public", "members"},
    "government_mfa": {"public", "members", "groups"},
    # Without the second factor a delegate's role does not count: only what anyone sees.
    "government_no_mfa": {"public"},
    "secretariat": {"public", "members", "groups"},
    "suspended": {"public"},
}
CASES = [(person, level) for person in MATRIX for level in ("public", "members", "groups")]


def _expected_refusal(person):
    # Anonymous readers are sent to sign in, delegates to their second factor (the portal's
    # rule for every restricted page); other signed-in readers learn nothing (404).
    return 302 if person in {"anonymous", "government_no_mfa"} else 404


@pytest.mark.parametrize(("person", "level"), CASES)
def test_publication_page(as_person, publications, person, level):
    client = as_person(person)
    response = client.get(publications[level].url)
    if level in MATRIX[person]:
        assert response.status_code == 200
        assert publications[level].title in response.content.decode()
    else:
        assert response.status_code == _expected_refusal(person)
        if person == "anonymous":
            assert response["Location"].startswith("/accounts/login/?next=")
        if person == "government_no_mfa":
            assert response["Location"].startswith("/accounts/2fa/")


@pytest.mark.parametrize(("person", "level"), CASES)
def test_publication_file(as_person, publications, person, level):
    client = as_person(person)
    document = publications[level].documents.first().document
    response = client.get(document.url)
    if level in MATRIX[person]:
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    else:
        assert response.status_code == _expected_refusal(person)
        assert b"%PDF" not in response.content


@pytest.mark.parametrize(("person", "level"), CASES)
def test_citation_export(as_person, publications, person, level):
    client = as_person(person)
    response = client.get(f"{publications[level].url}cite/bibtex/")
    assert response.status_code == (200 if level in MATRIX[person] else _expected_refusal(person))


@pytest.mark.parametrize("person", list(MATRIX))
def test_library_listing_shows_only_what_the_person_may_see(as_person, publications, person):
    html = as_person(person).get("/library/").content.decode()
    for level, publication in publications.items():
        assert (publication.title in html) == (level in MATRIX[person]), level


@pytest.mark.parametrize("person", list(MATRIX))
def test_home_page_research_section(as_person, publications, person):
    html = as_person(person).get("/").content.decode()
    for level, publication in publications.items():
        assert (publication.title in html) == (level in MATRIX[person]), level


def test_a_file_of_an_unpublished_publication_is_refused_to_members(as_person, publications):
    publications["public"].unpublish()
    document = publications["public"].documents.first().document
    assert as_person("cso").get(document.url).status_code == 404
