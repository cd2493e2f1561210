"""
Screenshots of the key pages (tests/e2e/key_pages.py) and of the staff and account pages
(tests/e2e/staff_pages.py) at 1280 and 360 px in English, Thai and Burmese, into
docs/screenshots/<page>-<language>-<width>.png.

Run it against a portal that `make run` serves (same DATABASE_URL as the server):

    .venv/bin/python tools/screenshots.py --base-url http://127.0.0.1:8000

It gives the demo moderator and safeguarding lead the demo second factor and flags two
posts (staff_pages.prepare_staff_world), so the queues have something to show.
"""

import argparse
import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
django.setup()

from django.conf import settings  # noqa: E402 - needs django.setup()
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e import key_pages, staff_pages  # noqa: E402

LANGUAGES = {"en": "", "th": "/th", "my": "/my"}
WIDTHS = {1280: 900, 360: 740}
# A long page is cut at this height, to keep each file under about 300 KB.
MAX_HEIGHT = 2000
# The screenshot names of the key pages, in the order key_pages.key_pages() lists them
# (the error pages met by sending a form are left to the measured walk).
KEY_PAGE_NAMES = [
    "home",
    "library",
    "search",
    "publication",
    "meetings",
    "meeting",
    "forums",
    "thread-youth",
    "consultations",
    "consultation-cso",
    "consultation-form-cso",
    "signin",
    "my-portal-cso",
    "styleguide",
    "error-404",
]


def photographed_pages() -> list[staff_pages.StaffPage]:
    """Every page to photograph, with its name and the account that reads it."""
    named = [
        staff_pages.StaffPage(name, key.path, key.account)
        for name, key in zip(KEY_PAGE_NAMES, key_pages.key_pages(), strict=False)
    ]
    return named + staff_pages.staff_pages()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", help="only pages whose name contains this")
    parser.add_argument("--language", choices=LANGUAGES, help="only this language")
    arguments = parser.parse_args()
    out = Path(arguments.out)
    out.mkdir(parents=True, exist_ok=True)

    staff_pages.prepare_staff_world()
    pages = [
        page for page in photographed_pages() if not arguments.only or arguments.only in page.name
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        states = {None: None}
        for account in sorted({page.account for page in pages} - {None}):
            states[account] = staff_pages.signed_in_state(
                browser, arguments.base_url, account, settings.DEMO_PASSWORD
            )
        for width, height in WIDTHS.items():
            for language, prefix in LANGUAGES.items():
                if arguments.language and language != arguments.language:
                    continue
                for staff_page in pages:
                    context = browser.new_context(
                        viewport={"width": width, "height": height},
                        storage_state=states[staff_page.account],
                    )
                    tab = context.new_page()
                    tab.goto(f"{arguments.base_url}{prefix}{staff_page.path}")
                    tab.evaluate("document.fonts.ready.then(() => true)")
                    full = tab.evaluate("document.documentElement.scrollHeight")
                    target = out / f"{staff_page.name}-{language}-{width}.png"
                    tab.screenshot(
                        path=str(target),
                        clip={"x": 0, "y": 0, "width": width, "height": min(full, MAX_HEIGHT)},
                        full_page=True,
                    )
                    context.close()
                    print(target)
        browser.close()


if __name__ == "__main__":
    main()
