"""
Benchmark: the portal under load, as production runs it on this machine.

Run (about seven minutes with the defaults, most of it the five timed minutes):

    REDIS_URL=redis://127.0.0.1:6379/0 ELASTICSEARCH_URL=http://127.0.0.1:9200 \\
    DATABASE_URL=postgres://commit:commit@127.0.0.1:5432/commit_bench \\
    .venv/bin/python -u bench/load.py

What runs: uvicorn with two workers serving config.asgi under config.settings.production
(the Procfile's `web` command: `--ws websockets-sansio --proxy-headers`), `manage.py
task_worker` (the Procfile's worker) beside it, PostgreSQL, Redis and Elasticsearch. The
benchmark speaks plain HTTP to the workers and sends `X-Forwarded-Proto: https` as the
TLS-terminating proxy in front of them does (deploy/nginx.conf), so production's HTTPS
settings (SSL redirect, secure cookies, HSTS, CSRF origin checks) stay on. Cookies are sent
by hand: a client does not send a Secure cookie over plain HTTP.

Data: a throw-away PostgreSQL database `commit_loadbench` on DATABASE_URL's server (dropped
and created at the start, dropped at the end), filled by `seed_demo` (run under
config.settings.test: production refuses demo data) plus the benchmark's members, and a
throw-away search index prefix `bench-load-<pid>` (deleted at the end). REDIS_URL's server is
used on database BENCH_REDIS_DB (default 9, as bench/ws_fanout.py). Static files are
collected into STATIC_ROOT, as production needs its manifest.

Knobs: `BENCH_SECONDS=300` timed seconds, `BENCH_WS_CLIENTS=500` websocket clients (signed-in
CSO members, spread over the demo's live threads of the CSO platform and the public
forum), `BENCH_HTTP_CONCURRENCY=12` HTTP requests in flight, `BENCH_POST_INTERVAL=1.0`
seconds between forum posts (each by another websocket client, through its socket),
`BENCH_STATIC_SECONDS` (default BENCH_SECONDS / 5, at least 10) for the ceiling.

What is measured:
1. The ceiling first: the portal's home page HTML is written to a temporary directory and
   served as a file by uvicorn with two workers and a twenty-line ASGI app (no nginx on this
   machine; Starlette is not a dependency), hammered by the same HTTP client at the same
   concurrency for BENCH_STATIC_SECONDS.
2. Then the websocket clients connect and, for BENCH_SECONDS, the HTTP clients cycle through
   home, library search, a publication, a forum thread (signed in), a meeting and the
   consultation form's autosave (signed in as a CSO member of an organisation of their
   own, each client saving its own organisation's draft in turn) while some websocket
   clients post.
3. Checks: every post is in the database and reached every socket on its thread; each
   client's last acknowledged autosave is the text and version the database holds; no
   5xx and no failed request; every socket still open.

Reported: per page count, p50/p95 ms, 5xx; throughput (requests/s) and its ratio to the
static ceiling; post delivery p50/p95; the resident set of each uvicorn worker at the end;
websocket connections held (by the clients and by the server's /metrics); the load
generator's own CPU (one process: if it nears 100 % of a core, it is the bottleneck).

Exit status 1 on any 5xx or failed request, lost post, lost delivery, lost autosave or
dropped socket; each miss is printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import http.cookiejar
import json
import logging
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ws_fanout import (  # noqa: E402 (the repository on the path first)
    bench_redis_url,
    cpu_seconds,
    free_port,
    load_average,
    percentile,
    rss_mib,
    stamping_connection_class,
)

SECONDS = float(os.environ.get("BENCH_SECONDS", "300"))
WS_CLIENTS = int(os.environ.get("BENCH_WS_CLIENTS", "500"))
HTTP_CONCURRENCY = int(os.environ.get("BENCH_HTTP_CONCURRENCY", "12"))
POST_INTERVAL = float(os.environ.get("BENCH_POST_INTERVAL", "1.0"))
STATIC_SECONDS = float(os.environ.get("BENCH_STATIC_SECONDS", str(max(10, SECONDS / 5))))
DATABASE_NAME = "commit_loadbench"
# After the timed part, how long posts still on their way may take before they count as
# lost (the wait ends as soon as all have arrived; a loaded machine needed over 20 s).
DELIVERY_WAIT_S = 60
CONNECT_BATCH = 50
# Generous: each worker imports Django and Wagtail, slow on a loaded two-core machine.
START_TIMEOUT_S = 300
PAGES = ["home", "search", "publication", "thread", "meeting", "autosave"]
SEARCH_QUERY = "forced labour"
STATIC_APP = '''
"""The ceiling: one HTML file read from disk and served for every GET."""
import os

PATH = os.environ["BENCH_STATIC_FILE"]


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        return
    with open(PATH, "rb") as file:
        body = file.read()
    await send({
        "type": "http.response.start",
        "status": 200,
        "headers": [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
        ],
    })
    await send({"type": "http.response.body", "body": body})
'''


# Services ---------------------------------------------------------------------------------


def database_url_named(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


def admin_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(
        (parts.scheme.replace("postgres", "postgresql"), parts.netloc, "/postgres", "", "")
    )
    return psycopg.connect(admin, autocommit=True)


def drop_database(url: str) -> None:
    with admin_connection(url) as connection:
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            [DATABASE_NAME],
        )
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}"')


def create_database(url: str) -> None:
    drop_database(url)
    with admin_connection(url) as connection:
        connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def production_env(workdir: Path, config: dict) -> dict:
    """config.settings.production's environment, for plain HTTP behind a pretend proxy."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": config["secret_key"],
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": config["database_url"],
        "REDIS_URL": config["redis_url"],
        "ELASTICSEARCH_URL": config["elasticsearch_url"],
        "COMMIT_SEARCH_INDEX_PREFIX": config["index_prefix"],
        "MEDIA_ROOT": str(workdir / "media"),
        "METRICS_TOKEN": config["metrics_token"],
        "PROMETHEUS_MULTIPROC_DIR": str(workdir / "metrics"),
        "PYTHONUNBUFFERED": "1",
    }


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with log.open("ab") as output:
        return subprocess.Popen(  # noqa: S603 (our own fixed commands)
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )


def uvicorn_command(application: str, port: int) -> list[str]:
    """The Procfile's web command, on a loopback port."""
    return [
        *(str(ROOT / ".venv/bin/uvicorn"), application, "--host", "127.0.0.1"),
        *("--port", str(port), "--workers", "2", "--ws", "websockets-sansio"),
        *("--proxy-headers", "--forwarded-allow-ips", "127.0.0.1", "--no-access-log"),
    ]


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(process: subprocess.Popen, url: str, log: Path) -> None:
    import httpx

    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=5).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer {url}:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)


def worker_pids(supervisor: int) -> list[int]:
    """uvicorn's worker processes: the children of its supervisor (not multiprocessing's
    resource tracker, which is one too)."""
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
    return [
        int(pid)
        for pid in children
        if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


# The data ---------------------------------------------------------------------------------


def seed(config: dict, workdir: Path) -> None:
    """The demo, under test settings (production refuses demo data), and the index."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(workdir / "seed.log", "w") as log:
        call_command("seed_demo", stdout=log)
        if config["elasticsearch_url"]:
            call_command("search_index", "--rebuild", stdout=log)


def create_members(emails: list[str], group_name: str, organisations: bool) -> list:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from portal.actions import do_grant_membership
    from portal.models import Country, Organisation, StakeholderGroup, User

    group = StakeholderGroup.objects.get(name=group_name)
    country = Country.objects.get(code="TH")
    users = User.objects.bulk_create(
        User(email=email, display_name=f"Load {email.split('@')[0]}", password="!")  # noqa: S106 (unusable)
        for email in emails
    )
    expires = timezone.now() + timezone.timedelta(days=1)
    members, sessions = [], []
    for user in users:
        organisation = None
        if organisations:
            organisation = Organisation.objects.create(
                name=f"Load organisation {user.pk}",
                type=Organisation.Type.CSO,
                country=country,
                verified=True,
            )
        do_grant_membership(None, user, group, organisation=organisation)
        store = SessionStore()
        key = store._get_new_session_key()
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expires)
        )
        members.append({"user": user.pk, "session": key, "organisation": organisation})
    Session.objects.bulk_create(sessions, batch_size=500)
    return members


def prepare(run: str) -> dict:
    """Members with sessions, the live threads and the pages the HTTP clients ask for."""
    from django.urls import reverse
    from django.utils import translation

    from consultations.models import ConsultationPage
    from forums.models import Thread
    from knowledge.models import PublicationPage
    from meetings.models import MeetingPage

    subscribers = create_members(
        [f"ws{run}-{i}@load.example.org" for i in range(WS_CLIENTS)], "CSO members", False
    )
    savers = create_members(
        [f"save{run}-{i}@load.example.org" for i in range(HTTP_CONCURRENCY)], "CSO members", True
    )
    threads = list(
        Thread.objects.filter(forum__slug__in=["cso-platform", "general"], locked=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    consultation = ConsultationPage.objects.live().get(slug="spa-iv-draft-consultation")
    question = consultation.guiding_questions.order_by("sort_order").first()
    with translation.override("en"):
        urls = {
            "home": "/",
            "search": reverse("library_search") + "?q=" + SEARCH_QUERY.replace(" ", "+"),
            "publication": PublicationPage.objects.live().public().order_by("pk").first().url,
            "thread": reverse("forums:thread", args=[threads[0]]),
            "meeting": MeetingPage.objects.live().public().order_by("pk").first().url,
            "autosave": reverse(
                "consultations:autosave", kwargs={"pk": consultation.pk, "kind": "organisation"}
            ),
        }
    return {
        "subscribers": subscribers,
        "savers": savers,
        "threads": threads,
        "urls": urls,
        "consultation": consultation.pk,
        "question": question.pk,
    }


# The load ---------------------------------------------------------------------------------


class Stats:
    def __init__(self):
        self.timings: dict[str, list[float]] = {page: [] for page in PAGES}
        self.statuses: dict[str, dict[int, int]] = {page: {} for page in PAGES}
        self.failures: list[str] = []

    def add(self, page: str, status: int, seconds: float) -> None:
        self.timings[page].append(seconds)
        self.statuses[page][status] = self.statuses[page].get(status, 0) + 1

    def count(self) -> int:
        return sum(len(timings) for timings in self.timings.values())

    def server_errors(self) -> int:
        return sum(
            n
            for statuses in self.statuses.values()
            for status, n in statuses.items()
            if status >= 500
        )


def http_client(concurrency: int):
    import httpx

    # No cookie jar: each request carries the cookies it means to (see the docstring).
    jar = http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    return httpx.AsyncClient(
        cookies=jar,
        timeout=60,
        limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        headers={"X-Forwarded-Proto": "https"},
    )


class Saver:
    """One CSO member saving their organisation's draft answer, one save at a time."""

    def __init__(self, member: dict, base: str, url: str, question: int, run: str, index: int):
        self.member, self.base, self.url = member, base, url
        self.question, self.run, self.index = question, run, index
        self.csrf = secrets.token_hex(16)
        self.version = 1
        self.saves = 0
        self.acknowledged: tuple[int, str] | None = None
        self.refused: list[str] = []

    async def save(self, client):
        text = f"Load autosave {self.run} client {self.index} save {self.saves + 1}"
        response = await client.post(
            self.base + self.url,
            content=json.dumps({"version": self.version, "answers": {str(self.question): text}}),
            headers={
                "Content-Type": "application/json",
                "Cookie": f"sessionid={self.member['session']}; csrftoken={self.csrf}",
                "X-CSRFToken": self.csrf,
                "Origin": "https://" + self.base.removeprefix("http://"),
            },
        )
        if response.status_code == 200:
            self.saves += 1
            self.version = response.json()["version"]
            self.acknowledged = (self.version, text)
        elif response.status_code < 500:
            self.refused.append(f"{response.status_code} {response.text[:200]}")
        return response


async def hammer(client, base: str, urls: dict, pages: list[str], seconds: float, cookies, savers):
    """HTTP_CONCURRENCY clients, each cycling through `pages` until the time is up."""
    import httpx

    stats = Stats()
    deadline = time.perf_counter() + seconds

    async def one(index: int) -> None:
        turn = index
        while time.perf_counter() < deadline:
            page = pages[turn % len(pages)]
            turn += 1
            started = time.perf_counter()
            try:
                if page == "autosave":
                    response = await savers[index].save(client)
                else:
                    headers = {"Cookie": cookies[index]} if page == "thread" else None
                    response = await client.get(base + urls[page], headers=headers)
            except httpx.HTTPError as error:
                stats.failures.append(f"{page}: {error!r}")
                continue
            stats.add(page, response.status_code, time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(HTTP_CONCURRENCY)))
    stats.elapsed = time.perf_counter() - started
    return stats


class Subscribers:
    """The websocket clients: each frame searched for a post's marker as it is parsed."""

    def __init__(self, port: int, members: list[dict], threads: list[int], run: str):
        self.port, self.members, self.run = port, members, run
        self.thread_of = [threads[i % len(threads)] for i in range(len(members))]
        self.sockets = []
        self.receipts: dict[int, dict[int, float]] = {}
        self.errors: list[str] = []
        self.prefix = f"load{run}x".encode()
        self.sent: dict[int, tuple[int, float, frozenset[int]]] = {}
        self.sending: set = set()

    def marker(self, k: int) -> str:
        return f"load{self.run}x{k}end"

    def received(self, index: int, data: bytes) -> None:
        stamp = time.perf_counter()
        start = data.find(self.prefix)
        if start < 0:
            if b'"error"' in data:
                self.errors.append(data[:200].decode(errors="replace"))
            return
        k = int(data[start + len(self.prefix) : data.index(b"end", start)])
        self.receipts.setdefault(k, {}).setdefault(index, stamp)

    async def connect(self) -> None:
        import websockets

        connection_class = stamping_connection_class()

        async def one(index: int):
            return await websockets.connect(
                f"ws://127.0.0.1:{self.port}/ws/forums/threads/{self.thread_of[index]}/",
                origin=f"https://127.0.0.1:{self.port}",
                additional_headers={
                    "Cookie": f"sessionid={self.members[index]['session']}",
                    "X-Forwarded-Proto": "https",
                },
                open_timeout=120,
                ping_interval=None,
                max_queue=None,
                compression=None,
                create_connection=functools.partial(
                    connection_class, on_text=functools.partial(self.received, index)
                ),
            )

        for start in range(0, len(self.members), CONNECT_BATCH):
            indices = range(start, min(start + CONNECT_BATCH, len(self.members)))
            self.sockets += await asyncio.gather(*(one(i) for i in indices))

    def open_indices(self) -> list[int]:
        return [i for i, ws in enumerate(self.sockets) if ws.state.name == "OPEN"]

    async def post_now_and_then(self, seconds: float) -> None:
        """One post every POST_INTERVAL, each by another client, through its socket."""
        deadline = time.perf_counter() + seconds
        k = 0
        step = 7 if len(self.sockets) % 7 else 11
        while time.perf_counter() + POST_INTERVAL < deadline:
            index = (k * step) % len(self.sockets)
            thread = self.thread_of[index]
            audience = frozenset(i for i in self.open_indices() if self.thread_of[i] == thread)
            body = json.dumps({"type": "post", "body": f"Load check {self.marker(k)}"})
            self.sent[k] = (thread, time.perf_counter(), audience)
            sending = asyncio.ensure_future(self.sockets[index].send(body))
            self.sending.add(sending)
            sending.add_done_callback(self.sending.discard)
            k += 1
            await asyncio.sleep(POST_INTERVAL)

    async def wait_for_deliveries(self, seconds: float) -> None:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline and self.missing():
            await asyncio.sleep(0.2)

    def missing(self) -> int:
        return sum(
            len(audience - self.receipts.get(k, {}).keys())
            for k, (_thread, _sent, audience) in self.sent.items()
        )

    def latencies(self) -> list[float]:
        return [
            stamp - sent
            for k, (_thread, sent, _audience) in self.sent.items()
            for stamp in self.receipts.get(k, {}).values()
        ]

    async def close(self) -> None:
        await asyncio.gather(*(ws.close() for ws in self.sockets), return_exceptions=True)


async def measure_static(port: int) -> Stats:
    client = http_client(HTTP_CONCURRENCY)
    async with client:
        return await hammer(
            client, f"http://127.0.0.1:{port}", {"home": "/"}, ["home"], STATIC_SECONDS, [], []
        )


async def measure_portal(port: int, data: dict, run: str, token: str, supervisor: int) -> dict:
    base = f"http://127.0.0.1:{port}"
    subscribers = Subscribers(port, data["subscribers"], data["threads"], run)
    savers = [
        Saver(member, base, data["urls"]["autosave"], data["question"], run, i)
        for i, member in enumerate(data["savers"])
    ]
    cookies = [f"sessionid={member['session']}" for member in data["savers"]]
    connect_started = time.perf_counter()
    await subscribers.connect()
    connect_s = time.perf_counter() - connect_started
    cpu_before = time.process_time()
    client = http_client(HTTP_CONCURRENCY)
    async with client:
        stats, _posted = await asyncio.gather(
            hammer(client, base, data["urls"], PAGES, SECONDS, cookies, savers),
            subscribers.post_now_and_then(SECONDS),
        )
    generator_cpu = time.process_time() - cpu_before
    held = len(subscribers.open_indices())
    await subscribers.wait_for_deliveries(DELIVERY_WAIT_S)
    # The server's own figures while the sockets are still open.
    held_by_server = await asyncio.to_thread(server_sockets, port, token)
    workers = worker_pids(supervisor)
    rss = [rss_mib(pid) for pid in workers]
    server_cpu = sum(cpu_seconds(pid) for pid in workers)
    await subscribers.close()
    result = {
        "held_by_server": held_by_server,
        "rss": rss,
        "server_cpu": server_cpu,
        "stats": stats,
        "subscribers": subscribers,
        "savers": savers,
        "connect_s": connect_s,
        "generator_cpu": generator_cpu,
        "held": held,
    }
    return result


def server_sockets(port: int, token: str) -> float | None:
    import httpx
    from prometheus_client.parser import text_string_to_metric_families

    response = httpx.get(
        f"http://127.0.0.1:{port}/metrics",
        headers={"Authorization": f"Bearer {token}", "X-Forwarded-Proto": "https"},
        timeout=30,
    )
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if sample.name == "portal_websocket_connections":
                return sample.value
    return None


# Checks -----------------------------------------------------------------------------------


def check_posts(subscribers: Subscribers) -> tuple[int, int]:
    """(posts missing from the database, deliveries missing)."""
    from forums.models import Post

    stored = set(
        Post.objects.filter(body__contains=f"load{subscribers.run}x").values_list("body", flat=True)
    )
    missing_in_db = sum(
        1 for k in subscribers.sent if f"Load check {subscribers.marker(k)}" not in stored
    )
    return missing_in_db, subscribers.missing()


def check_autosaves(savers: list[Saver], consultation: int, question: int) -> list[str]:
    from consultations.models import Submission

    lost = []
    for saver in savers:
        if saver.acknowledged is None:
            lost.append(f"client {saver.index}: no autosave was acknowledged")
            continue
        version, text = saver.acknowledged
        submission = Submission.objects.get(
            consultation_id=consultation,
            organisation=saver.member["organisation"],
            kind=Submission.Kind.ORGANISATION,
        )
        held = submission.answers.filter(question_id=question).values_list("text", flat=True)
        if submission.version != version or list(held) != [text]:
            lost.append(
                f"client {saver.index}: acknowledged version {version} {text!r}, the database "
                f"holds version {submission.version} {list(held)!r}"
            )
        if saver.refused:
            lost.append(f"client {saver.index}: refused {saver.refused[:2]}")
    return lost


# Report -----------------------------------------------------------------------------------


def report(static: Stats, result: dict, data: dict) -> list[str]:
    misses = []
    stats: Stats = result["stats"]
    subscribers: Subscribers = result["subscribers"]
    static_rate = static.count() / static.elapsed
    rate = stats.count() / stats.elapsed
    print()
    print("| page | requests | p50 ms | p95 ms | statuses |")
    print("| --- | ---: | ---: | ---: | --- |")
    for page in PAGES:
        timings = stats.timings[page]
        if not timings:
            continue
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(stats.statuses[page].items()))
        print(
            f"| {page} `{data['urls'][page].split('?')[0]}` | {len(timings)} "
            f"| {statistics.median(timings) * 1000:.1f} | {percentile(timings, 0.95) * 1000:.1f} "
            f"| {statuses} |"
        )
    static_timings = static.timings["home"]
    print(
        f"| static copy of the home page | {len(static_timings)} "
        f"| {statistics.median(static_timings) * 1000:.1f} "
        f"| {percentile(static_timings, 0.95) * 1000:.1f} "
        f"| {', '.join(f'{s}×{n}' for s, n in sorted(static.statuses['home'].items()))} |"
    )
    print()
    print(
        f"throughput: {rate:.1f} requests/s over {stats.elapsed:.0f} s "
        f"({HTTP_CONCURRENCY} in flight); static ceiling {static_rate:.1f} requests/s over "
        f"{static.elapsed:.0f} s; ratio {rate / static_rate:.3f}"
    )
    latencies = subscribers.latencies()
    posts_missing_in_db, deliveries_missing = check_posts(subscribers)
    print(
        f"websockets: {len(subscribers.sockets)} connected in {result['connect_s']:.1f} s over "
        f"{len(data['threads'])} threads; held at the end {result['held']} (server's /metrics: "
        f"{result['held_by_server']}); {len(subscribers.sent)} posts, "
        f"{len(latencies)} deliveries, post → delivery p50/p95 "
        + (
            f"{statistics.median(latencies) * 1000:.0f} / "
            f"{percentile(latencies, 0.95) * 1000:.0f} ms"
            if latencies
            else "n/a"
        )
    )
    print(f"lost: {posts_missing_in_db} posts not in the database, {deliveries_missing} deliveries")
    lost_saves = check_autosaves(result["savers"], data["consultation"], data["question"])
    saves = sum(saver.saves for saver in result["savers"])
    print(
        f"autosaves: {saves} acknowledged by {len(result['savers'])} clients, "
        f"{len(lost_saves)} lost"
    )
    print(
        "uvicorn workers' resident set at the end: "
        + ", ".join(f"{mib:.0f} MiB" for mib in result["rss"])
        + f"; their CPU since start {result['server_cpu']:.0f} s"
    )
    print(
        f"load generator (one process): {result['generator_cpu']:.1f} s CPU in "
        f"{stats.elapsed:.0f} s, {100 * result['generator_cpu'] / stats.elapsed:.0f} % of one core"
    )
    if stats.server_errors() or static.server_errors():
        misses.append(f"{stats.server_errors() + static.server_errors()} responses were 5xx")
    for page in PAGES:
        unexpected = {s: n for s, n in stats.statuses[page].items() if s != 200}
        if unexpected:
            misses.append(f"{page} answered {unexpected}")
    if stats.failures or static.failures:
        misses.append(f"failed requests: {(stats.failures + static.failures)[:5]}")
    if posts_missing_in_db:
        misses.append(f"{posts_missing_in_db} posts are not in the database")
    if deliveries_missing:
        misses.append(f"{deliveries_missing} deliveries were lost")
    if subscribers.errors:
        misses.append(f"error frames: {subscribers.errors[:3]}")
    misses += [f"lost autosave: {line}" for line in lost_saves]
    if result["held"] != len(subscribers.sockets):
        misses.append(f"{len(subscribers.sockets) - result['held']} websockets dropped")
    return misses


def leave_on_signal(signum, _frame) -> None:
    """SIGTERM or SIGHUP (a `timeout`, a closed terminal): leave through main's clean-up."""
    raise SystemExit(128 + signum)


def main() -> int:
    # Without this a SIGTERM ends the process at once and leaves the servers running.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, leave_on_signal)
    redis_url = bench_redis_url()
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL server (its database is not touched).")
    workdir = Path(tempfile.mkdtemp(prefix="commit-load-bench-"))
    (workdir / "metrics").mkdir()
    (workdir / "media").mkdir()
    config = {
        "secret_key": secrets.token_urlsafe(50),
        "database_url": database_url_named(given, DATABASE_NAME),
        "redis_url": redis_url,
        "elasticsearch_url": os.environ.get("ELASTICSEARCH_URL", ""),
        "index_prefix": f"bench-load-{os.getpid()}",
        "metrics_token": secrets.token_urlsafe(24),
    }
    run = f"{os.getpid()}"
    print(
        f"load: {WS_CLIENTS} websocket clients, {HTTP_CONCURRENCY} HTTP requests in flight, "
        f"{SECONDS:.0f} s (static ceiling {STATIC_SECONDS:.0f} s); load average "
        f"{load_average()}",
        flush=True,
    )
    processes: list[subprocess.Popen] = []
    create_database(given)
    try:
        # The parent seeds and checks under test settings, with the servers' secret (the
        # sessions it writes are signed with it) and their database, Redis and index.
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "SECRET_KEY": config["secret_key"],
                "DATABASE_URL": config["database_url"],
                "REDIS_URL": redis_url,
                "TEST_SEARCH_INDEX_PREFIX": config["index_prefix"],
                "MEDIA_ROOT": str(workdir / "media"),
            }
        )
        import django

        django.setup()
        # The search client logs every request at INFO under the test settings.
        for name in ("elastic_transport", "httpx"):
            logging.getLogger(name).setLevel(logging.WARNING)
        seed(config, workdir)
        data = prepare(run)
        print(f"  seeded; pages: {data['urls']}", flush=True)
        env = production_env(workdir, config)
        subprocess.run(  # noqa: S603 (our own fixed command)
            [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        port = free_port()
        portal = start(uvicorn_command("config.asgi:application", port), env, workdir / "web.log")
        processes.append(portal)
        processes.append(
            start(
                [str(ROOT / ".venv/bin/python"), "manage.py", "task_worker"],
                env,
                workdir / "task_worker.log",
            )
        )
        base = f"http://127.0.0.1:{port}"
        wait_until_up(portal, f"{base}/health/live", workdir / "web.log")

        import httpx

        home = httpx.get(base + "/", headers={"X-Forwarded-Proto": "https"}, timeout=60)
        home.raise_for_status()
        (workdir / "static").mkdir()
        (workdir / "static" / "index.html").write_bytes(home.content)
        static_port = free_port()
        (workdir / "bench_static.py").write_text(STATIC_APP)
        static_env = {
            **os.environ,
            "PYTHONPATH": str(workdir),
            "BENCH_STATIC_FILE": str(workdir / "static" / "index.html"),
        }
        static_server = start(
            uvicorn_command("bench_static:app", static_port), static_env, workdir / "static.log"
        )
        processes.append(static_server)
        wait_until_up(static_server, f"http://127.0.0.1:{static_port}/", workdir / "static.log")
        print(f"  static ceiling ({len(home.content):,} bytes of HTML)…", flush=True)
        static = asyncio.run(measure_static(static_port))
        stop([static_server])

        print(f"  portal, {SECONDS:.0f} s…", flush=True)
        result = asyncio.run(measure_portal(port, data, run, config["metrics_token"], portal.pid))
        misses = report(static, result, data)
        print(f"load average at the end: {load_average()}")
    finally:
        stop(processes)
        from django.db import connections

        with contextlib.suppress(Exception):
            connections.close_all()
        with contextlib.suppress(Exception):
            drop_database(given)
        if config["elasticsearch_url"]:
            with contextlib.suppress(Exception):
                from portal.search_client import client, delete_indices

                delete_indices(client(), f"{config['index_prefix']}*")
        shutil.rmtree(workdir, ignore_errors=True)
    for miss in misses:
        print(f"MISSED: {miss}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
