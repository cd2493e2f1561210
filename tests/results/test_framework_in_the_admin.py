"""The secretariat edits the framework in the Wagtail admin; bad values are refused there."""

import pytest

from portal.models import StakeholderGroup
from results.demo import grant_secretariat_editing
from results.models import Indicator
from tests.results.conftest import client_for

pytestmark = pytest.mark.postgres


@pytest.fixture
def secretariat(framework, people):
    grant_secretariat_editing(StakeholderGroup.objects.get(name="Secretariat"))
    return client_for(people, "secretariat")


def indicator_form(framework, **changes):
    data = {
        "output": framework.count.output_id,
        "code": "2.1.c",
        "title": "Shelters meeting minimum standards",
        "definition": "",
        "unit": "percentage",
        "milestone_stages": "",
        "baseline": "40",
        "baseline_year": "2022",
        "target": "90",
        "target_year": "2027",
        "frequency": "annual",
        "scope": "both",
        "sort_order": "0",
    }
    data.update(changes)
    return data


def test_the_secretariat_adds_an_indicator(secretariat, framework):
    listing = secretariat.get("/admin/snippets/results/indicator/")
    assert listing.status_code == 200
    assert "2.1.a" in listing.content.decode()
    response = secretariat.post("/admin/snippets/results/indicator/add/", indicator_form(framework))
    assert response.status_code == 302
    assert Indicator.objects.get(code="2.1.c").target == 90


def test_a_target_outside_the_unit_is_refused_in_the_admin(secretariat, framework):
    response = secretariat.post(
        "/admin/snippets/results/indicator/add/", indicator_form(framework, target="140")
    )
    assert response.status_code == 200
    assert "A percentage lies between 0 and 100" in response.content.decode()
    assert not Indicator.objects.filter(code="2.1.c").exists()


def test_a_government_delegate_cannot_edit_the_framework(framework, people):
    response = client_for(people, "gov_th").get("/admin/snippets/results/indicator/")
    assert response.status_code in (302, 403)


def test_the_secretariat_adds_translations_in_the_admin(secretariat, framework):
    form = secretariat.get("/admin/snippets/results/indicator/add/").content.decode()
    assert 'name="title_translations"' in form
    assert 'name="definition_translations"' in form
    response = secretariat.post(
        "/admin/snippets/results/indicator/add/",
        indicator_form(
            framework,
            title_translations='{"th": "ศูนย์พักพิงที่ได้มาตรฐานขั้นต่ำ"}',
            definition_translations="{}",
        ),
    )
    assert response.status_code == 302
    page = secretariat.get("/th/results/indicators/2.1.c/").content.decode()
    assert "<h1>2.1.c ศูนย์พักพิงที่ได้มาตรฐานขั้นต่ำ</h1>" in page
    sex = secretariat.get("/admin/snippets/results/disaggregation/add/").content.decode()
    assert 'name="category_translations"' in sex
