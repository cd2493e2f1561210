"""
Content translation for editors (wagtail-localize): a page's strings go out as a PO file
and come back translated; the reader of that language then gets the translated page, not
the English one with a notice. A file with broken placeholders is refused, whole, with the
entries named, from the command line and from the admin's "Upload PO file" alike.
"""

import polib
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from home.models import StandardPage
from portal.models import User
from portal.permissions import MFA_SESSION_KEY

pytestmark = pytest.mark.django_db

LINKED = '<p>Read the <a href="/library/">research library</a> for the reports.</p>'


@pytest.fixture
def about(portal_demo_data):
    """The about page, still an alias in Thai (as before a translator has been at it)."""
    page = StandardPage.objects.get(slug="about", locale__language_code="en")
    page.body = [("paragraph", LINKED)]
    page.save_revision().publish()
    thai = Locale.objects.get(language_code="th")
    StandardPage.objects.filter(translation_key=page.translation_key, locale=thai).delete()
    page.copy_for_translation(thai, alias=True)
    return page


def exported(tmp_path, page, language="th") -> polib.POFile:
    target = tmp_path / f"{page.slug}-{language}.po"
    call_command("translation_po", "export", str(page.pk), language, "-o", str(target))
    return polib.pofile(str(target))


def write(tmp_path, po) -> str:
    target = tmp_path / "translated.po"
    target.write_text(str(po), encoding="utf-8")
    return str(target)


def test_a_page_goes_out_and_comes_back_translated(client, tmp_path, about):
    html = client.get("/th/about/").content.decode()
    assert 'class="notice language-fallback"' in html  # "not yet translated", in Thai

    po = exported(tmp_path, about)
    sources = [entry.msgid for entry in po]
    assert "About COMMIT" in sources
    link = next(entry for entry in po if "research library" in entry.msgid)
    assert '<a id="a1">' in link.msgid  # the link is a numbered placeholder
    for entry in po:
        entry.msgstr = f"ไทย {entry.msgid}"
    call_command("translation_po", "import", write(tmp_path, po), "--publish")

    html = client.get("/th/about/").content.decode()
    assert "ไทย About COMMIT" in html
    assert 'href="/library/"' in html or 'href="/th/library/"' in html
    assert 'class="notice language-fallback"' not in html
    # English readers still read the English page.
    assert "ไทย About COMMIT" not in client.get("/about/").content.decode()


def broken_file(tmp_path, about) -> str:
    po = exported(tmp_path, about)
    for entry in po:
        entry.msgstr = f"ไทย {entry.msgid}"
    link = next(entry for entry in po if "research library" in entry.msgid)
    link.msgstr = 'อ่าน <a id="a9">ห้องสมุดงานวิจัย</a> เพื่อดูรายงาน'
    return write(tmp_path, po)


def test_broken_placeholders_are_refused_and_nothing_is_overwritten(client, tmp_path, about):
    path = broken_file(tmp_path, about)

    with pytest.raises(CommandError) as refused, translation.override("en"):
        call_command("translation_po", "import", path, "--publish")

    message = str(refused.value)
    assert "Placeholders were changed" in message
    assert '<a id="a1">' in message
    assert '<a id="a9">' in message
    assert not StringTranslation.objects.exists()
    assert "ไทย About COMMIT" not in client.get("/th/about/").content.decode()


def test_the_admin_upload_refuses_broken_placeholders_too(client, tmp_path, about):
    path = broken_file(tmp_path, about)
    translation = Translation.objects.get()
    # The demo secretariat account has its authenticator; this session used it.
    secretariat = User.objects.get(email="secretariat@example.org")
    client.force_login(secretariat)
    session = client.session
    session[MFA_SESSION_KEY] = secretariat.pk
    session.save()

    with open(path, "rb") as upload:
        response = client.post(
            f"/admin/localize/translate/{translation.pk}/pofile/upload/",
            {"file": upload, "next": "/admin/"},
            follow=True,
        )

    assert response.status_code == 200
    assert "Placeholders were changed" in response.content.decode()
    assert not StringTranslation.objects.exists()
