"""
Shared fixtures and the service gate.

Tests that need a real service carry a marker (`postgres`, `redis`,
`elasticsearch`). Before such a test runs, the gate checks the service
configured in settings. With CI=true or REQUIRE_SERVICES=1 a missing service
fails the test; elsewhere it is skipped with a reason that says how to start it.

`secured_elasticsearch` is the opt-in secured dev node (TLS, an API key), which
`make test-secured-es` starts; it is required only there (REQUIRE_SECURED_ELASTICSEARCH=1),
so `make test` runs those tests when that node is up and skips them otherwise.
"""

import functools
import io
import os
import shutil
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import translation
from elasticsearch import Elasticsearch

from home import demo as home_demo
from portal import demo as portal_demo
from portal import search_client
from portal.models import StakeholderGroup, User

SERVICE_MARKERS = (
    "postgres",
    "redis",
    "elasticsearch",
    "browser",
    "vnu",
    "secured_elasticsearch",
)
# Where `make vnu` puts the Nu HTML checker's jars (Maven Central, tools/vnu/pom.xml).
VNU_CLASSPATH_DIR = Path(__file__).resolve().parent.parent / ".cache" / "vnu"

# What `ES_SECURE=1 services/elasticsearch/start.sh` writes for the portal: the node's URL,
# the app's API key and the CA that signed the node's certificate.
SECURED_ELASTICSEARCH_ENV = Path(
    os.environ.get(
        "SECURED_ELASTICSEARCH_ENV",
        settings.BASE_DIR / ".services" / "elasticsearch" / "secure-9202" / "env",
    )
)


def services_required() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"} or os.environ.get(
        "REQUIRE_SERVICES", ""
    ) in {"1", "true", "yes"}


def service_required(name: str) -> bool:
    if name == "secured_elasticsearch":
        return os.environ.get("REQUIRE_SECURED_ELASTICSEARCH", "") in {"1", "true", "yes"}
    return services_required()


def secured_elasticsearch_settings() -> dict[str, str]:
    """ELASTICSEARCH_URL, _API_KEY and _CA_CERTS of the secured dev node ({} when not made)."""
    if not SECURED_ELASTICSEARCH_ENV.is_file():
        return {}
    lines = SECURED_ELASTICSEARCH_ENV.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def _postgres_problem() -> str | None:
    if connection.vendor != "postgresql":
        return f"DATABASE_URL points at {connection.vendor}, not PostgreSQL"
    return None


def _redis_problem() -> str | None:
    if not settings.REDIS_URL:
        return "REDIS_URL is not set"
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis at {settings.REDIS_URL} does not answer: {error}"
    return None


def _elasticsearch_problem() -> str | None:
    if not settings.ELASTICSEARCH_URL:
        return "ELASTICSEARCH_URL is not set"
    # The portal's own client: a secured cluster (API key, TLS) is reached as the portal does.
    if not search_client.client(timeout=5).ping():
        return f"Elasticsearch at {settings.ELASTICSEARCH_URL} does not answer"
    return None


def _secured_elasticsearch_problem() -> str | None:
    node = secured_elasticsearch_settings()
    if not node:
        return f"{SECURED_ELASTICSEARCH_ENV} does not exist"
    connection = search_client.ConnectionSettings(
        hosts=search_client.node_urls(node["ELASTICSEARCH_URL"]),
        api_key=node["ELASTICSEARCH_API_KEY"],
        ca_certs=node["ELASTICSEARCH_CA_CERTS"],
    )
    es = Elasticsearch(**search_client.client_arguments(connection))
    try:
        if not es.ping():
            return f"the secured node at {node['ELASTICSEARCH_URL']} does not answer"
    finally:
        es.close()
    return None


def _browser_problem() -> str | None:
    if shutil.which("chromium") is None:
        return "Debian's chromium is not installed (apt-get install chromium)"
    return None


def _vnu_problem() -> str | None:
    if shutil.which("java") is None:
        return "Java is not installed (apt-get install default-jre-headless)"
    if not any(VNU_CLASSPATH_DIR.glob("validator-*.jar")):
        return f"the Nu HTML checker is not in {VNU_CLASSPATH_DIR} (`make vnu` fetches it)"
    return None


@functools.cache
def service_problem(name: str) -> str | None:
    """Why the named service cannot be used, or None when it is there."""
    return {
        "postgres": _postgres_problem,
        "redis": _redis_problem,
        "elasticsearch": _elasticsearch_problem,
        "browser": _browser_problem,
        "vnu": _vnu_problem,
        "secured_elasticsearch": _secured_elasticsearch_problem,
    }[name]()


def pytest_runtest_setup(item):
    for name in SERVICE_MARKERS:
        if item.get_closest_marker(name) is None:
            continue
        problem = service_problem(name)
        if problem is None:
            continue
        secured = name == "secured_elasticsearch"
        start = {"secured_elasticsearch": "make test-secured-es", "vnu": "make vnu"}.get(
            name, "make services-up"
        )
        because = "REQUIRE_SECURED_ELASTICSEARCH=1" if secured else "CI=true or REQUIRE_SERVICES=1"
        if service_required(name):
            pytest.fail(
                f"{name} is required here ({because}) but {problem}. `{start}` starts it.",
                pytrace=False,
            )
        pytest.skip(f"SERVICE MISSING — {name}: {problem}. Run `{start}`.")


@pytest.fixture(scope="module")
def demo_site_for_the_module(django_db_setup, django_db_blocker):
    """
    `seed_demo` once for a test module (it takes 15-25 s), in a transaction rolled back
    when the module is done. Each test's own transaction is a savepoint inside it, so a
    test sees the demo as seeded and leaves it so.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_site(demo_site_for_the_module, db):
    """
    The demo page tree and accounts, as `make run` builds them. Not for transactional or
    browser tests (their flush would end the module's transaction): they call seed_demo.
    """


@pytest.fixture
def demo_password():
    return settings.DEMO_PASSWORD


@pytest.fixture
def portal_demo_data(db):
    """Countries, organisations, groups and the demo accounts, without other apps' content."""
    command = BaseCommand(stdout=io.StringIO())
    home_demo.seed(command)
    portal_demo.seed(command)


@pytest.fixture
def group(portal_demo_data):
    def get(name):
        return StakeholderGroup.objects.get(name=name)

    return get


@pytest.fixture
def demo_user(portal_demo_data):
    def get(email):
        return User.objects.get(email=email)

    return get


@pytest.fixture(autouse=True)
def default_language():
    """
    Each test starts in the site's default language: a request or an email in Thai or
    Vietnamese leaves that language active in the thread, and a later test in the same
    process would read its messages and labels in it.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and cached values must not carry over from one test to the next."""
    cache.clear()
