"""
Relevance of the library search: the judged set in every language, on both backends.

Runs tests/search/test_relevance.py (the judged queries in tests/search/judgements.csv over
the publications in relevance_corpus.csv, on Elasticsearch and on the database backend)
and prints recall@10 and nDCG@10 per language and backend. Fails when a target is missed:
recall 0.95 on Elasticsearch and 0.85 on the database in every language.

    make bench BENCHES=relevance
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    sys.exit(
        subprocess.call(
            [
                sys.executable,
                "-m",
                "pytest",
                "tests/search/test_relevance.py",
                "-q",
                "-s",
                "-p",
                "no:cacheprovider",
                "-W",
                "ignore::DeprecationWarning",
            ],
            cwd=ROOT,
        )
    )
