"""The menu's Consultations page, and the form's one primary action."""

import re

from tests.consultations.conftest import edit_url


def test_the_consultations_page_lists_the_open_consultation_with_its_deadline(world, client):
    response = client.get("/consultations/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{world.consultation.url}"' in html
    assert "SPA IV draft consultation" in html
    assert "Open</span>" in html
    deadline = re.search(r'<time datetime="([^"]+)"', html).group(1)
    # Whole seconds, as HTML's datetime syntax allows.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", deadline)


def test_submit_is_the_primary_button_and_save_draft_the_secondary_one(world, client_for):
    html = client_for("cso_a").get(edit_url(world.consultation)).content.decode()

    submit = re.search(r'<button type="submit" name="action" value="submit"[^>]*>', html).group(0)
    saves = re.findall(r'<button type="submit" name="action" value="save"[^>]*>', html)
    assert "button--secondary" not in submit
    # The visible "Save draft" is secondary; the other is the hidden default for Enter.
    assert any("button--secondary" in save for save in saves)
