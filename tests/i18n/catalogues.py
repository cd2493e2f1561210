"""Reading the interface catalogues (locale/*/LC_MESSAGES/django.po) for the language tests."""

import re
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
# Django's language codes and the catalogue directories they live in.
CATALOGUE_DIRS = {"km": "km", "zh-hans": "zh_Hans", "lo": "lo", "my": "my", "th": "th", "vi": "vi"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / CATALOGUE_DIRS[language] / "LC_MESSAGES" / "django.po"


def read_catalogue(language: str):
    with catalogue_path(language).open("rb") as handle:
        return read_po(handle, locale=None, abort_invalid=True)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))
