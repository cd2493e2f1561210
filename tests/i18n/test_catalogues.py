"""Every interface string translated in all six languages, none fuzzy, placeholders kept."""

import pytest

from tests.i18n.catalogues import CATALOGUE_DIRS, catalogue_path, placeholders, read_catalogue

LANGUAGES = list(CATALOGUE_DIRS)


def _forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    catalogue = read_catalogue(language)
    untranslated, fuzzy = [], []
    for message in catalogue:
        if not message.id:
            continue  # the header
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        if message.fuzzy:
            fuzzy.append(msgid)
        if not all(_forms(message)):
            untranslated.append(msgid)
    assert not untranslated, f"{language}: {len(untranslated)} untranslated: {untranslated[:10]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy: {fuzzy[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_the_english(language):
    broken = []
    for message in read_catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = placeholders(ids[-1])
        for form in _forms(message):
            # A plural form may leave out the count ("one publication"), nothing else.
            got = [p for p in placeholders(form) if p not in ("%(counter)s", "%(count)s")]
            expected = [p for p in wanted if p not in ("%(counter)s", "%(count)s")]
            if form and got != expected:
                broken.append((ids[0], form))
    assert not broken, f"{language}: placeholders differ: {broken[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_header_says_a_native_review_is_pending(language):
    head = catalogue_path(language).read_text(encoding="utf-8").split('msgid ""')[0]
    assert "native speaker's review is pending" in head
