"""
Benchmark: publication search latency on Elasticsearch and on the database backend.

Builds the demo site in a throw-away SQLite database, adds N synthetic multilingual
publications (default 2,000, `BENCH_PUBLICATIONS`) with three pages of extracted text
each, indexes them into a throw-away Elasticsearch index (`bench-search-*`, deleted at the
end), then runs a set of typical queries (with facets and highlights) through
`search_publications` on each backend and prints p50/p95 latency, indexing throughput and
index size. Needs ELASTICSEARCH_URL (default http://127.0.0.1:9200).

Run: `.venv/bin/python bench/search.py`
"""

import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PUBLICATIONS = int(os.environ.get("BENCH_PUBLICATIONS", "2000"))
RUNS = int(os.environ.get("BENCH_RUNS", "20"))
QUERIES = [
    {"q": "forced labour"},
    {"q": "fishing", "country": ["TH"]},
    {"q": "แรงงานบังคับ"},
    {"q": "hon nhan moi gioi"},
    {"q": "诈骗园区"},
    {"q": '"debt bondage" -Malaysia'},
    {"q": "referral", "area": ["protection"], "year_from": "2015", "year_to": "2020"},
    {"q": "recruitment fees", "sort": "newest"},
    {"country": ["KH"], "form": ["forced-labour"]},
]
WORDS = {
    "en": [
        "forced",
        "labour",
        "fishing",
        "fleets",
        "debt",
        "bondage",
        "recruitment",
        "fees",
        "referral",
        "victims",
        "identification",
        "safe",
        "migration",
        "domestic",
        "workers",
        "brokers",
        "repatriation",
        "smuggling",
    ],
    "th": ["แรงงานบังคับ", "ประมง", "การค้ามนุษย์", "การส่งต่อ", "ชาวประมง", "แรงงานข้ามชาติ", "นายหน้า"],
    "vi": [
        "lao",
        "động",
        "cưỡng",
        "bức",
        "mua",
        "bán",
        "người",
        "hôn",
        "nhân",
        "môi",
        "giới",
        "di",
        "cư",
        "an",
        "toàn",
        "ngư",
        "dân",
    ],
    "zh-hans": ["强迫劳动", "诈骗园区", "人口贩运", "转介", "渔民", "中介婚姻", "安全移民"],
    "km": ["ការជួញដូរមនុស្ស", "ពលកម្មដោយបង្ខំ", "អ្នកនេសាទ", "ការបញ្ជូនបន្ត"],
    "lo": ["ການຄ້າມະນຸດ", "ແຮງງານບັງຄັບ", "ການເຄື່ອນຍ້າຍແຮງງານ", "ການສົ່ງຕໍ່"],
    "my": ["လူကုန်ကူးမှု", "အဓမ္မလုပ်အား", "ငါးဖမ်းသမား", "ရွှေ့ပြောင်းသွားလာမှု"],
}


def percentile(timings, share):
    ordered = sorted(timings)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def main() -> int:
    workdir = tempfile.mkdtemp(prefix="commit-bench-search-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import logging

    import django

    django.setup()
    # The client logs every request at INFO: thousands of lines that hide the figures.
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    from datetime import date

    from django.conf import settings
    from django.core.management import call_command
    from django.http import QueryDict

    from knowledge.models import (
        ExploitationForm,
        LibraryIndexPage,
        PublicationPage,
        PublicationText,
        PublicationType,
        SpaArea,
    )
    from knowledge.search import documents
    from knowledge.search.backends import (
        DATABASE_BACKEND,
        ELASTICSEARCH_BACKEND,
        search_publications,
    )
    from knowledge.search.indexing import all_documents
    from knowledge.search.query import SearchQuery
    from portal.models import Country
    from portal.permissions import ANONYMOUS

    settings.COMMIT_SEARCH_INDEX_PREFIX = f"bench-search-{os.getpid()}"
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    rng = random.Random(6)  # noqa: S311 - reproducible test data, not secrets
    library = LibraryIndexPage.objects.first()
    countries = list(Country.objects.all())
    areas, forms = list(SpaArea.objects.all()), list(ExploitationForm.objects.all())
    types = list(PublicationType.objects.all())
    languages = list(WORDS)
    start = time.perf_counter()
    for number in range(PUBLICATIONS):
        language = rng.choice(languages)
        words = WORDS[language]
        joiner = "" if language in {"th", "km", "lo", "my", "zh-hans"} else " "
        page = library.add_child(
            instance=PublicationPage(
                title=f"{joiner.join(rng.sample(words, 3))} {number}",
                slug=f"bench-{number}",
                summary=joiner.join(rng.choices(words, k=25)),
                language=language,
                publication_date=date(rng.randint(2010, 2025), 6, 1),
                publication_type=rng.choice(types),
            )
        )
        page.countries.set(rng.sample(countries, 2))
        page.areas.set(rng.sample(areas, 1))
        page.forms.set(rng.sample(forms, 2))
        page.save()
        PublicationText.objects.bulk_create(
            PublicationText(
                publication=page,
                document_id=1,
                page_number=n,
                language=language,
                text=joiner.join(rng.choices(words, k=300)),
            )
            for n in range(1, 4)
        )
    print(f"created {PUBLICATIONS} synthetic publications in {time.perf_counter() - start:.0f} s")

    total = PublicationPage.objects.live().count()
    start = time.perf_counter()
    name, count, _deleted = documents.rebuild(all_documents())
    elapsed = time.perf_counter() - start
    es = documents.client()
    size = es.indices.stats(index=name)["_all"]["primaries"]["store"]["size_in_bytes"]
    print(f"indexed {count}/{total} publications in {elapsed:.1f} s ({count / elapsed:.0f} docs/s)")
    print(f"index size: {size / 1e6:.1f} MB")

    print(f"{'backend':<15}{'p50 ms':>10}{'p95 ms':>10}  ({len(QUERIES)} queries x {RUNS} runs)")
    try:
        for label, path in [
            ("elasticsearch", ELASTICSEARCH_BACKEND),
            ("database", DATABASE_BACKEND),
        ]:
            settings.COMMIT_SEARCH_BACKEND = path
            timings = []
            for params in QUERIES:
                query_dict = QueryDict(mutable=True)
                for key, value in params.items():
                    query_dict.setlist(key, value if isinstance(value, list) else [value])
                query = SearchQuery.from_params(query_dict)
                search_publications(query, ANONYMOUS)  # warm caches
                for _ in range(RUNS):
                    begin = time.perf_counter()
                    results = search_publications(query, ANONYMOUS)
                    timings.append((time.perf_counter() - begin) * 1000)
                    if results.backend != label:
                        raise SystemExit(f"{label} did not answer: {results.backend} did")
            print(
                f"{label:<15}{statistics.median(timings):>10.1f}{percentile(timings, 0.95):>10.1f}"
            )
    finally:
        es.indices.delete(index=f"{settings.COMMIT_SEARCH_INDEX_PREFIX}-*", ignore_unavailable=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
