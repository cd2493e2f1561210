"""
Benchmark: how heavy and how fast the public pages are.

Builds the demo site in a throw-away SQLite database (the embedded defaults of
`make run`), then requests each page many times through Django's test client
(no network, so the figure is the application's own cost). Reports, per page:
HTML bytes, the bytes of CSS it links, median and 95th-percentile time.

Run: `make bench` (or `.venv/bin/python bench/pages.py`).
"""

import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config import heap  # noqa: E402 (the project on the path first)

PAGES = ["/", "/th/", "/my/", "/about/", "/vi/spa-iv/"]
REQUESTS_PER_PAGE = int(os.environ.get("BENCH_REQUESTS", "200"))
# Targets from the brief: light pages for slow links.
MAX_HTML_BYTES = 30_000
MAX_CSS_BYTES = 20_000


def main() -> int:
    workdir = tempfile.mkdtemp(prefix="commit-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_DEBUG"] = "false"

    # WhiteNoise warns that collectstatic has not run; the benchmark serves no static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    css_bytes = Path(finders.find("css/portal.css")).stat().st_size
    # Timed as a server answers: its heap settled as config/asgi.py settles it.
    heap.settle()
    client = Client()
    failures = []
    print(f"{'page':<14}{'html bytes':>12}{'median ms':>12}{'p95 ms':>10}")
    for url in PAGES:
        client.get(url)  # warm the template and query caches
        timings = []
        for _ in range(REQUESTS_PER_PAGE):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                failures.append(f"{url} answered {response.status_code}")
                break
        size = len(response.content)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{url:<14}{size:>12}{statistics.median(timings):>12.1f}{p95:>10.1f}")
        if size > MAX_HTML_BYTES:
            failures.append(f"{url}: {size} bytes of HTML, over the {MAX_HTML_BYTES} target")
    print(f"stylesheet: {css_bytes} bytes (target under {MAX_CSS_BYTES})")
    if css_bytes > MAX_CSS_BYTES:
        failures.append(f"stylesheet is {css_bytes} bytes")
    for failure in failures:
        print(f"MISSED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
