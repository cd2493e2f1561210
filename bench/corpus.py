"""
A synthetic multilingual library for the search benchmark, written in bulk.

Text is drawn from real language: the interface catalogues in `locale/` give each of
the seven languages a pool of everyday words and phrases (English from the message ids),
and the thesaurus gives the trafficking terms. Each publication is about two of the
thesaurus concepts; its title, summary and three pages of "PDF" text mix those terms
(about one word in twelve) into everyday text drawn with a Zipf-like skew, so a query
for a concept matches a share of the library, as it would in a real one, instead of all
of it.

Pages are inserted with bulk statements (a Wagtail `add_child` per page would take an
hour for 100,000); the rows are what `add_child` would write: tree path, depth, URL
path, locale, translation key, live and published. Nothing here runs in the portal.
"""

from __future__ import annotations

import gettext
import random
import re
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNSPACED = {"th", "km", "lo", "my", "zh-hans"}
PAGES_PER_PUBLICATION = 3
WORDS_PER_PAGE = 300
TERM_SHARE = 1 / 12
BATCH = 500
_MARKUP = re.compile(r"<[^>]+>|%\(\w+\)[sd]|%[sd]|\{[^}]*\}|&\w+;")
_SPLIT = re.compile(r"[\s.,;:!?()\"“”'’«»\[\]/|—–…·]+")


def language_pool(language: str) -> list[str]:
    """Everyday words (or, for unspaced scripts, phrases) of `language` from our catalogues."""
    folder = "zh_Hans" if language == "zh-hans" else language
    pool: list[str] = []
    if language == "en":
        with (ROOT / "locale" / "th" / "LC_MESSAGES" / "django.mo").open("rb") as handle:
            texts = [str(key) for key in gettext.GNUTranslations(handle)._catalog]
    else:
        with (ROOT / "locale" / folder / "LC_MESSAGES" / "django.mo").open("rb") as handle:
            texts = [str(value) for value in gettext.GNUTranslations(handle)._catalog.values()]
    for text in texts:
        for word in _SPLIT.split(_MARKUP.sub(" ", text)):
            if len(word) > 1 and not word.isdigit():
                pool.append(word.lower() if language in {"en", "vi"} else word)
    return sorted(set(pool))


class Writer:
    """Draws text in one language: Zipf-skewed everyday words plus the topic's terms."""

    def __init__(self, language: str, rng: random.Random):
        self.language = language
        self.rng = rng
        words = language_pool(language)
        rng.shuffle(words)
        self.words = words
        # Zipf-like: the k-th word is drawn with weight 1/k.
        self.weights = [1 / (rank + 1) for rank in range(len(words))]
        self.joiner = "" if language in UNSPACED else " "

    def text(self, count: int, terms: list[str]) -> str:
        tokens = self.rng.choices(self.words, self.weights, k=count)
        for position in range(0, count, int(1 / TERM_SHARE)):
            tokens[self.rng.randrange(position, min(count, position + 12))] = self.rng.choice(terms)
        if self.language in UNSPACED:
            # Unspaced scripts still put spaces between phrases, not between words.
            return " ".join(self.joiner.join(tokens[i : i + 8]) for i in range(0, count, 8))
        return " ".join(tokens)


def _concept_terms(concepts, language: str) -> list[list[str]]:
    return [list(concept.terms.get(language) or ()) for concept in concepts]


def create_publications(count: int, *, seed: int = 6, progress=print) -> int:
    """Add `count` live public publications under the English library; returns how many."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.documents.models import Document
    from wagtail.models import Page

    from knowledge.models import (
        ExploitationForm,
        LibraryIndexPage,
        PublicationPage,
        PublicationText,
        PublicationType,
        SpaArea,
    )
    from knowledge.search.thesaurus import load_concepts
    from portal.models import Country

    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    library = LibraryIndexPage.objects.filter(locale__language_code="en").first()
    document = Document.objects.first()
    content_type = ContentType.objects.get_for_model(PublicationPage)
    countries = list(Country.objects.values_list("pk", flat=True))
    areas = list(SpaArea.objects.values_list("pk", flat=True))
    forms = list(ExploitationForm.objects.values_list("pk", flat=True))
    types = list(PublicationType.objects.values_list("pk", flat=True))
    concepts = [c for c in load_concepts() if all(c.terms.get(lang) for lang in ("en", "th"))]
    languages = ["en", "en", "th", "vi", "zh-hans", "km", "lo", "my"]  # English is the most
    writers = {language: Writer(language, rng) for language in set(languages)}
    terms = {language: _concept_terms(concepts, language) for language in writers}
    last = library.get_last_child()
    first_step = (int(last.path[-4:], 36) + 1) if last else 1
    now = timezone.now()
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    own_fields = PublicationPage._meta.local_concrete_fields
    through = {
        "countries": (PublicationPage.countries.through, "country_id", countries, 2),
        "areas": (PublicationPage.areas.through, "spaarea_id", areas, 1),
        "forms": (PublicationPage.forms.through, "exploitationform_id", forms, 2),
    }

    made = 0
    while made < count:
        batch = []
        for number in range(made, min(count, made + BATCH)):
            language = rng.choice(languages)
            writer = writers[language]
            topic = [t for t in rng.sample(terms[language], 2) if t] or [["report"]]
            words = [term for group in topic for term in group]
            slug = f"bench-{number}"
            # Titles are at most 255 characters (PostgreSQL enforces it, SQLite does not).
            title = f"{writer.text(6, words)[:240]} {number}"
            batch.append(
                (
                    PublicationPage(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        live=True,
                        has_unpublished_changes=False,
                        url_path=f"{library.url_path}{slug}/",
                        depth=library.depth + 1,
                        path=PublicationPage._get_path(
                            library.path, library.depth + 1, first_step + number
                        ),
                        numchild=0,
                        locale_id=library.locale_id,
                        translation_key=uuid.uuid4(),
                        first_published_at=now,
                        last_published_at=now,
                        summary=writer.text(30, words),
                        publisher="Bench Institute",
                        language=language,
                        publication_date=date(rng.randint(2005, 2026), rng.randint(1, 12), 1),
                        publication_type_id=rng.choice(types),
                        access_level="public",
                    ),
                    [writer.text(WORDS_PER_PAGE, words) for _ in range(PAGES_PER_PUBLICATION)],
                )
            )
        with transaction.atomic():
            pages = Page.objects.bulk_create(
                [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p, _ in batch]
            )
            publications = []
            for page, (publication, _texts) in zip(pages, batch, strict=True):
                publication.page_ptr_id = publication.id = page.pk
                publications.append(publication)
            PublicationPage._base_manager._insert(
                publications, fields=own_fields, using=connection.alias
            )
            for model, column, choices, per in through.values():
                model.objects.bulk_create(
                    model(publicationpage_id=p.pk, **{column: choice})
                    for p in publications
                    for choice in rng.sample(choices, per)
                )
            PublicationText.objects.bulk_create(
                PublicationText(
                    publication_id=publication.pk,
                    document=document,
                    page_number=page_number,
                    language=publication.language,
                    text=text,
                )
                for publication, texts in batch
                for page_number, text in enumerate(texts, start=1)
            )
        made += len(batch)
        if made % 10_000 == 0 or made == count:
            progress(f"  {made:,} publications written")
    LibraryIndexPage.objects.filter(pk=library.pk).update(numchild=library.numchild + made)
    return made
