"""
Benchmark: websocket fan-out of one forum thread over the Redis channel layer.

Run (about 2 minutes with the defaults):

    REDIS_URL=redis://127.0.0.1:6379/0 \\
    DATABASE_URL=postgres://commit:commit@127.0.0.1:5432/commit_bench \\
    .venv/bin/python bench/ws_fanout.py

Without DATABASE_URL it uses a throw-away SQLite file; with it, that PostgreSQL database
(created when missing, reused between runs). REDIS_URL is required: the benchmark uses
its server on database `BENCH_REDIS_DB` (default 9) with the key prefix `bench-`, so it
never touches what tests and `make run` keep in database 0.

Knobs: `BENCH_CLIENTS=100,1000` subscribers per round, `BENCH_POSTS=20` timed posts per
round, `BENCH_BURST=10` posts sent at once for the throughput figure, `BENCH_PROCS=2`
client processes, `BENCH_TIMEOUT=15` seconds a post may take to reach everyone,
`BENCH_LAYER` unset for the layer config.settings uses, `core`
(channels_redis.core.RedisChannelLayer) or `pubsub`
(channels_redis.pubsub.RedisPubSubChannelLayer), `BENCH_TARGET_MS=100`,
`BENCH_TARGET_RATIO=2.5` (p99 over the Redis 1→N floor's p99, issue 23),
`BENCH_SERVER` `uvicorn` (the default when it is installed) or `daphne`, with
`BENCH_WS=websockets-sansio` and `BENCH_LOOP=asyncio` (or `uvloop`) for uvicorn,
`BENCH_SERVERS=1` server processes (with 2, subscribers alternate between them, as a
proxy in front of several ASGI workers would spread them; each process runs its own
shared pass and the layer carries the event between them), `BENCH_GC=50000,20,10` (see
below).

What happens: Django is set up against the database, which gets a members-only forum,
one thread and as many approved members (with fresh sessions) as the largest round
needs. The server serves config.asgi on a free loopback port with a settings module that
swaps in the benchmark's Redis database, prefixes and layer, and takes two things from
config.settings.production: persistent database connections (CONN_MAX_AGE=60; with 0,
every database_sync_to_async call opened a PostgreSQL connection, and 1,000 connects
took a minute) and the django_tasks_db task backend, with `manage.py db_worker` running
beside the server to send reply notifications, as production runs it. The subscribers
are `websockets` clients spread over BENCH_PROCS processes; each whole text frame is
handed over as soon as websockets' protocol has parsed it, stamped with
`time.perf_counter()` (CLOCK_MONOTONIC, shared by every process on Linux) first, and
only searched for the post's marker (no JSON parsing).

0. One untimed warm-up post through each server, reported apart: the first event
   after start pays for template loading and each process's first connections (about
   a second), the task worker's first task for its own; the timed posts start once
   all are idle.
1. Timed posts: one at a time, each sent through the websocket of a different member
   (so nobody meets the posting rate limit). The consumer writes it through
   forums.actions.do_create_post, and after the commit the event reaches every
   subscriber, the poster included. The next post goes once the last subscriber has
   it (or after BENCH_TIMEOUT), so each latency is of one post, not of a queue.
   Latency = receipt − send, over every (subscriber, post) pair.
2. Burst: BENCH_BURST posts at once; deliveries per second = deliveries / (last
   receipt − first send).
3. The floor, in the same run and the same client processes: raw Redis pub/sub with
   redis-py asyncio, one publisher to 1 subscriber and to N subscriber connections.

Garbage collection: the benchmark serves config.asgi (which freezes the startup heap and
raises the collection thresholds) through a two-line wrapper that sets the thresholds to
BENCH_GC instead; why: bench/README.md ("Forum fan-out: garbage collection").

Memory: the server's resident set after one warm-up socket, and with N sockets open
(summed over the server processes). CPU: seconds used by the servers (summed) and by the
client processes while the timed posts were delivered; a side near 100 % of a core is
the bottleneck. The server's CPU per post hardly depends on what else the machine is
doing, so it compares servers, layers and changes when the load varies; it does vary with
the host under the virtual machine (61-73 ms and 32-41 ms on the same day and code,
bench/README.md), so compare runs of the same hour.

The timed posts' server and client CPU are also printed as soon as they are measured, so
a round that fails later (a loaded machine) still reports them; a floor subscriber that
cannot connect within 60 s is counted as losing its messages, not waited for.

Where a post's time goes at 1,000 readers: bench/README.md ("Forum fan-out: where a
post's time goes").

Exit status 1 when a delivery is lost, when a round's p99 is over the target at 1,000
subscribers (or at the largest round when fewer are asked for) or over the target ratio
to the floor's p99 in the same round, or a round fails; each miss is printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.heap import THRESHOLDS  # noqa: E402 (the project on the path first)

CLIENT_COUNTS = [int(n) for n in os.environ.get("BENCH_CLIENTS", "100,1000").split(",")]
POSTS = int(os.environ.get("BENCH_POSTS", "20"))
BURST = int(os.environ.get("BENCH_BURST", "10"))
PROCS = int(os.environ.get("BENCH_PROCS", "2"))
TIMEOUT_S = float(os.environ.get("BENCH_TIMEOUT", "15"))
LAYER = os.environ.get("BENCH_LAYER", "")
SERVERS = int(os.environ.get("BENCH_SERVERS", "1"))
# uvicorn when installed (the server production runs), Daphne otherwise.
SERVER = os.environ.get(
    "BENCH_SERVER", "uvicorn" if (ROOT / ".venv/bin/uvicorn").exists() else "daphne"
)
UVICORN_WS = os.environ.get("BENCH_WS", "websockets-sansio")
UVICORN_LOOP = os.environ.get("BENCH_LOOP", "asyncio")
TARGET_MS = float(os.environ.get("BENCH_TARGET_MS", "100"))
TARGET_RATIO = float(os.environ.get("BENCH_TARGET_RATIO", "2.5"))
TARGET_AT = 1000
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "9"))
FLOOR_MESSAGES = 50
WARM_UP_K = 10**6
GC_THRESHOLDS = tuple(
    int(n) for n in os.environ.get("BENCH_GC", ",".join(map(str, THRESHOLDS))).split(",")
)
CONNECT_BATCH = 50
# The Procfile's `nice -n 10` for the task worker.
TASK_WORKER_NICENESS = 10
LAYERS = {
    "core": "channels_redis.core.RedisChannelLayer",
    "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
}


def bench_redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        sys.exit("REDIS_URL is required: the benchmark measures the Redis channel layer.")
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{REDIS_DB}", "", ""))


# Client processes ------------------------------------------------------------------------
#
# Each worker owns a share of the subscribers and answers commands from the parent over a
# pipe: connect its sockets, send post k from one of them, report when all its sockets
# have post k, subscribe to Redis, report receipts, close.


def stamping_connection_class():
    """
    The `websockets` client connection, with each whole text frame handed to a callback
    as soon as the protocol has parsed it: one listening task and message queue per
    socket cost the client processes, which share the two cores with the server, more
    than the parsing itself (profiled). Handshake, control frames and closing are
    websockets' own.
    """
    from websockets.asyncio.client import ClientConnection
    from websockets.frames import Frame, Opcode

    class StampingConnection(ClientConnection):
        def __init__(self, *args, on_text, **kwargs):
            super().__init__(*args, **kwargs)
            self.on_text = on_text

        def process_event(self, event) -> None:
            if (
                self.response is not None
                and isinstance(event, Frame)
                and event.opcode is Opcode.TEXT
                and event.fin
            ):
                self.on_text(event.data)
            else:
                super().process_event(event)

    return StampingConnection


def marker(run: str, k: int) -> str:
    return f"bench{run}x{k}end"


class Worker:
    def __init__(self, pipe, path: str, sessions: list[tuple[str, int]], run: str):
        self.pipe = pipe
        self.path = path
        self.sessions = sessions
        self.run = run
        self.sockets = []
        # receipts[k][i]: when socket i received post k.
        self.receipts: dict[int, dict[int, float]] = {}
        self.sent: dict[int, float] = {}
        self.waiters: dict[int, asyncio.Event] = {}
        self.errors: list[str] = []
        self.redis_receipts: dict[int, list[float]] = {}
        self.redis_clients = []
        self.sending: set[asyncio.Future] = set()
        self.prefix = f"bench{run}x".encode()

    async def connect(self) -> None:
        import websockets

        connection_class = stamping_connection_class()

        async def one(index: int, session: tuple[str, int]):
            session_key, port = session
            return await websockets.connect(
                f"ws://127.0.0.1:{port}{self.path}",
                origin=f"http://127.0.0.1:{port}",
                additional_headers={"Cookie": f"sessionid={session_key}"},
                open_timeout=60,
                ping_interval=None,
                max_queue=None,
                compression=None,
                create_connection=functools.partial(
                    connection_class, on_text=functools.partial(self.received, index)
                ),
            )

        for start in range(0, len(self.sessions), CONNECT_BATCH):
            batch = self.sessions[start : start + CONNECT_BATCH]
            self.sockets += await asyncio.gather(
                *(one(start + i, key) for i, key in enumerate(batch))
            )

    def received(self, index: int, data: bytes) -> None:
        """A text frame for socket `index`, handed over the moment it is parsed."""
        received = time.perf_counter()
        start = data.find(self.prefix)
        if start < 0:
            if b'"error"' in data:
                self.errors.append(data[:200].decode(errors="replace"))
            return
        k = int(data[start + len(self.prefix) : data.index(b"end", start)])
        got = self.receipts.setdefault(k, {})
        got.setdefault(index, received)
        if len(got) == len(self.sessions) and k in self.waiters:
            self.waiters[k].set()

    def post(self, socket_index: int, k: int) -> None:
        body = json.dumps({"type": "post", "body": f"Fan-out check {marker(self.run, k)}"})
        self.sent[k] = time.perf_counter()
        sending = asyncio.ensure_future(self.sockets[socket_index].send(body))
        self.sending.add(sending)
        sending.add_done_callback(self.sending.discard)

    async def wait_for(self, k: int, timeout: float) -> None:
        if len(self.receipts.get(k, {})) < len(self.sockets):
            self.waiters[k] = asyncio.Event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.waiters[k].wait(), timeout)

    async def redis_subscribe(self, url: str, channel: str, count: int) -> None:
        import redis.asyncio as redis

        async def subscriber(index: int) -> None:
            client = redis.Redis.from_url(url)
            pubsub = client.pubsub()
            await pubsub.subscribe(channel)
            self.redis_clients.append((client, pubsub))
            ready.append(index)
            async for message in pubsub.listen():
                received = time.perf_counter()
                if message["type"] != "message":
                    continue
                k = int(message["data"])
                self.redis_receipts.setdefault(k, []).append(received)

        ready: list[int] = []
        self.redis_tasks = [asyncio.create_task(subscriber(i)) for i in range(count)]
        # A subscriber whose connection failed never gets ready: the floor then counts
        # its messages as lost instead of waiting for it for ever (a run hung so on a
        # loaded machine).
        deadline = time.perf_counter() + 60
        while len(ready) < count and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)

    async def redis_unsubscribe(self) -> None:
        for task in self.redis_tasks:
            task.cancel()
        for client, pubsub in self.redis_clients:
            await pubsub.aclose()
            await client.aclose()
        self.redis_clients = []
        self.redis_receipts = {}

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            command, *args = await loop.run_in_executor(None, self.pipe.recv)
            if command == "connect":
                await self.connect()
                self.pipe.send(("connected", len(self.sockets)))
            elif command == "post":
                self.post(*args)
                self.pipe.send(("posted", self.sent[args[1]]))
            elif command == "wait":
                await self.wait_for(*args)
                self.pipe.send(("waited", None))
            elif command == "cpu":
                self.pipe.send(("cpu", time.process_time()))
            elif command == "receipts":
                self.pipe.send(("receipts", (self.receipts, len(self.sockets), self.errors)))
            elif command == "redis_subscribe":
                await self.redis_subscribe(*args)
                self.pipe.send(("subscribed", None))
            elif command == "redis_receipts":
                expected = args[0]
                deadline = time.perf_counter() + 10
                while (
                    sum(len(v) for v in self.redis_receipts.values()) < expected
                    and time.perf_counter() < deadline
                ):
                    await asyncio.sleep(0.01)
                self.pipe.send(("redis_receipts", self.redis_receipts))
                await self.redis_unsubscribe()
            elif command == "close":
                await asyncio.gather(*(ws.close() for ws in self.sockets), return_exceptions=True)
                self.pipe.send(("closed", None))
                return


def worker_main(pipe, path, sessions, run) -> None:
    asyncio.run(Worker(pipe, path, sessions, run).serve())


class Clients:
    """The client processes, driven from the parent."""

    def __init__(self, path: str, sessions: list[tuple[str, int]], run: str):
        context = multiprocessing.get_context("spawn")
        procs = max(1, min(PROCS, len(sessions)))
        self.shares = [sessions[i::procs] for i in range(procs)]
        self.pipes, self.processes = [], []
        for share in self.shares:
            parent_end, child_end = context.Pipe()
            process = context.Process(
                target=worker_main, args=(child_end, path, share, run), daemon=True
            )
            process.start()
            self.pipes.append(parent_end)
            self.processes.append(process)

    def ask(self, index: int, *command):
        self.pipes[index].send(command)
        return self.pipes[index].recv()[1]

    def ask_all(self, *command) -> list:
        for pipe in self.pipes:
            pipe.send(command)
        return [pipe.recv()[1] for pipe in self.pipes]

    def close(self) -> None:
        try:
            self.ask_all("close")
        finally:
            for process in self.processes:
                process.join(timeout=10)
                if process.is_alive():
                    process.kill()


# The database and the server -------------------------------------------------------------


def ensure_postgres_database(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(
        (parts.scheme.replace("postgres", "postgresql"), parts.netloc, "/postgres", "", "")
    )
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def build_database(members: int) -> tuple[int, list[str]]:
    """A members-only forum, a fresh thread and `members` approved members with sessions."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.utils import timezone

    from forums import actions
    from forums.models import Forum
    from portal.actions import do_grant_membership
    from portal.models import AccessLevel, Membership, Role, StakeholderGroup, User
    from portal.permissions import viewer_for_user

    call_command("migrate", verbosity=0)
    group, _ = StakeholderGroup.objects.get_or_create(name="Bench members", role=Role.CSO)
    forum, created = Forum.objects.get_or_create(
        slug="bench-fanout",
        defaults={
            "name": "Bench fan-out",
            "access_level": AccessLevel.GROUPS,
            "premoderate_new_members": False,
        },
    )
    if created:
        forum.allowed_groups.set([group])
        forum.save()
    emails = [f"reader{i}@bench.example.org" for i in range(members)]
    known = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        User(email=email, display_name=f"Reader {email[6:].split('@')[0]}", password="!")  # noqa: S106 (unusable)
        for email in emails
        if email not in known
    )
    users = list(User.objects.filter(email__in=emails).order_by("pk"))
    approved = set(
        Membership.objects.filter(
            group=group, status=Membership.Status.APPROVED, user__in=users
        ).values_list("user_id", flat=True)
    )
    for user in users:
        if user.pk not in approved:
            do_grant_membership(None, user, group)
    expires = timezone.now() + timezone.timedelta(days=1)
    sessions = []
    rows = []
    for user in users:
        store = SessionStore()
        key = store._get_new_session_key()
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        sessions.append(key)
    Session.objects.bulk_create(rows, batch_size=500)
    thread = actions.do_create_thread(
        viewer_for_user(users[0], mfa_ok=False),
        forum,
        title=f"Fan-out {timezone.now():%H:%M:%S}",
        body="Readers gather here.",
    )
    return thread.pk, sessions


def settings_module(workdir: Path, redis_url: str) -> None:
    """Project test settings with the benchmark's Redis database, prefixes and layer."""
    (workdir / "bench_settings.py").write_text(
        "from config.settings.test import *  # noqa: F403\n"
        "from config.settings.base import redis_services\n"
        f"CACHES, CHANNEL_LAYERS = redis_services({redis_url!r})\n"
        "CACHES['default']['KEY_PREFIX'] = 'bench-'\n"
        "# As config.settings.production: persistent database connections, and\n"
        "# notifications queued for the task worker the benchmark runs beside the server.\n"
        "DATABASES['default']['CONN_MAX_AGE'] = 60\n"
        "TASKS = {'default': {'BACKEND': 'django_tasks_db.DatabaseBackend'}}\n"
        "CHANNEL_LAYERS['default']['CONFIG']['prefix'] = 'bench-asgi'\n"
        + (f"CHANNEL_LAYERS['default']['BACKEND'] = {LAYERS[LAYER]!r}\n" if LAYER else "")
    )
    # What config/asgi.py is asked to do (see the docstring, "Garbage collection").
    (workdir / "bench_asgi.py").write_text(
        "from config import heap\n"
        "from config.asgi import application  # noqa: F401\n"
        f"heap.settle({GC_THRESHOLDS!r})\n"
    )


def server_name() -> str:
    return "Daphne" if SERVER == "daphne" else f"uvicorn (--ws {UVICORN_WS}, --loop {UVICORN_LOOP})"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(workdir: Path, database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": f"{workdir}{os.pathsep}{ROOT}",
        "DATABASE_URL": database_url,
    }


def start_task_worker(workdir: Path, database_url: str):
    """
    django_tasks_db's worker, as production runs it (it sends the reply notifications),
    at the Procfile's lower CPU priority.
    """
    log = (workdir / "db_worker.log").open("a")
    return subprocess.Popen(  # noqa: S603 (our own fixed command)
        [
            *("nice", "-n", str(TASK_WORKER_NICENESS)),
            *(str(ROOT / ".venv/bin/python"), "manage.py", "db_worker"),
            *("--interval", "0.2", "--no-startup-delay"),
        ],
        cwd=ROOT,
        env=server_env(workdir, database_url),
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def server_command(port: int) -> list[str]:
    """The ASGI server serving the benchmark's wrapper of config.asgi on `port`."""
    if SERVER == "daphne":
        return [
            *(str(ROOT / ".venv/bin/daphne"), "-v", "0", "-b", "127.0.0.1", "-p", str(port)),
            *("--websocket_connect_timeout", "120", "bench_asgi:application"),
        ]
    return [
        *(str(ROOT / ".venv/bin/uvicorn"), "--host", "127.0.0.1", "--port", str(port)),
        *("--ws", UVICORN_WS, "--loop", UVICORN_LOOP, "--log-level", "warning"),
        *("--no-access-log", "--lifespan", "off", "bench_asgi:application"),
    ]


def start_server(workdir: Path, database_url: str):
    port = free_port()
    env = server_env(workdir, database_url)
    log = (workdir / "server.log").open("a")
    server = subprocess.Popen(  # noqa: S603 (our own fixed command)
        server_command(port),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"{SERVER} exited:\n{(workdir / 'server.log').read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"{SERVER} did not start listening")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def quiet(pids: list[int], longest: float) -> None:
    """
    Wait until the processes idle: the servers' connect-time presence broadcasts have
    settled, the task worker's first task is done.
    """
    deadline = time.monotonic() + longest
    while time.monotonic() < deadline:
        before = sum(map(cpu_seconds, pids))
        time.sleep(0.5)
        if sum(map(cpu_seconds, pids)) - before < 0.05 * len(pids):
            return


# The Redis floor -------------------------------------------------------------------------


def redis_floor(clients: Clients, redis_url: str, subscribers: int) -> dict:
    """Publish FLOOR_MESSAGES messages one at a time to `subscribers` connections."""
    import redis

    channel = f"bench-floor-{os.getpid()}-{subscribers}"
    shares = [len(share) * subscribers // sum(map(len, clients.shares)) for share in clients.shares]
    shares[0] += subscribers - sum(shares)
    for index, count in enumerate(shares):
        clients.pipes[index].send(("redis_subscribe", redis_url, channel, count))
    for pipe in clients.pipes:
        pipe.recv()
    publisher = redis.Redis.from_url(redis_url)
    sent = {}
    for k in range(FLOOR_MESSAGES):
        sent[k] = time.perf_counter()
        publisher.publish(channel, str(k))
        time.sleep(0.02 + subscribers / 20000)
    publisher.close()
    latencies, received = [], 0
    for index, count in enumerate(shares):
        clients.pipes[index].send(("redis_receipts", count * FLOOR_MESSAGES))
    for pipe in clients.pipes:
        receipts = pipe.recv()[1]
        for k, stamps in receipts.items():
            latencies += [stamp - sent[k] for stamp in stamps]
            received += len(stamps)
    return {
        "p50": statistics.median(latencies) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "lost": subscribers * FLOOR_MESSAGES - received,
    }


# One round -------------------------------------------------------------------------------


def run_round(workdir, database_url, redis_url, thread_id, sessions, run) -> dict:
    started_servers = [start_server(workdir, database_url) for _ in range(SERVERS)]
    servers = [server for server, _port in started_servers]
    ports = [port for _server, port in started_servers]
    pids = [server.pid for server in servers]
    task_worker = start_task_worker(workdir, database_url)
    path = f"/ws/forums/threads/{thread_id}/"
    # Subscribers alternate between the servers, as a proxy in front of them would spread them.
    assigned = [(key, ports[i % len(ports)]) for i, key in enumerate(sessions)]
    clients = None
    try:
        warm = Clients(path, assigned[: len(ports)], f"{run}w")
        warm.ask_all("connect")
        warm.close()
        quiet(pids, 10)
        rss_idle = sum(map(rss_mib, pids))

        connect_started = time.perf_counter()
        clients = Clients(path, assigned, run)
        clients.ask_all("connect")
        connect_s = time.perf_counter() - connect_started
        quiet(pids, 60)
        settle_s = time.perf_counter() - connect_started - connect_s
        rss_connected = sum(map(rss_mib, pids))
        n = len(sessions)
        owners = [(w, i) for w, share in enumerate(clients.shares) for i in range(len(share))]

        # One untimed post first through each server: the first event after start pays
        # for template loading and each process's first database and Redis connections,
        # and a process's first post for what writing one loads (the timed posts all go
        # through one server; warmed through the other only, their first was the slowest
        # of every run). From the last sockets, so no timed post's author is among them.
        warm_up_ms = 0.0
        warmed: set[int] = set()
        for w, i in reversed(owners):
            server_index = (i * len(clients.shares) + w) % len(ports)  # as `assigned`
            if server_index in warmed:
                continue
            k = WARM_UP_K + len(warmed)
            warmed.add(server_index)
            warm_up_sent = clients.ask(w, "post", i, k)
            clients.ask_all("wait", k, TIMEOUT_S)
            warm_up_ms = max(warm_up_ms, (time.perf_counter() - warm_up_sent) * 1000)
            if len(warmed) == len(ports):
                break
        # The task worker's first task (a warm-up's announcement) pays for its own first
        # imports and connections, as the servers' first event does. Later announcements
        # still run beside the next post's delivery, as in production.
        quiet([*pids, task_worker.pid], 10)

        server_cpu = sum(map(cpu_seconds, pids))
        client_cpu = sum(clients.ask_all("cpu"))
        started = time.perf_counter()
        sent, fanout_times = {}, []
        for k in range(POSTS):
            owner, index = owners[k % n]
            sent[k] = clients.ask(owner, "post", index, k)
            clients.ask_all("wait", k, TIMEOUT_S)
            fanout_times.append(time.perf_counter() - sent[k])
            time.sleep(0.05)
        timed_s = time.perf_counter() - started
        server_cpu = sum(map(cpu_seconds, pids)) - server_cpu
        client_cpu = sum(clients.ask_all("cpu")) - client_cpu
        # Printed now as well, so a round that fails later still reports them.
        print(
            f"    timed posts: server CPU {1000 * server_cpu / POSTS:.0f} ms per post "
            f"({100 * server_cpu / timed_s:.0f} %), clients CPU "
            f"{100 * client_cpu / timed_s:.0f} %, last delivery of each post ms "
            f"{[round(t * 1000) for t in fanout_times]}",
            flush=True,
        )

        burst = range(POSTS, POSTS + BURST)
        for k in burst:
            owner, index = owners[(k * 7 + 3) % n]
            sent[k] = clients.ask(owner, "post", index, k)
        for k in burst:
            clients.ask_all("wait", k, TIMEOUT_S)

        latencies, burst_receipts, errors, delivered = [], [], [], 0
        slowest = dict.fromkeys(range(POSTS), 0.0)
        fastest = dict.fromkeys(range(POSTS), float("inf"))
        for receipts, _count, worker_errors in clients.ask_all("receipts"):
            errors += worker_errors
            for k, by_socket in receipts.items():
                if k >= WARM_UP_K:
                    continue
                delivered += len(by_socket)
                if k < POSTS:
                    latencies += [stamp - sent[k] for stamp in by_socket.values()]
                    slowest[k] = max(slowest[k], *(stamp - sent[k] for stamp in by_socket.values()))
                    fastest[k] = min(fastest[k], *(stamp - sent[k] for stamp in by_socket.values()))
                else:
                    burst_receipts += by_socket.values()
        expected = n * (POSTS + BURST)
        burst_span = max(burst_receipts) - min(sent[k] for k in burst) if burst_receipts else 0

        floor_one = redis_floor(clients, redis_url, 1)
        floor_all = redis_floor(clients, redis_url, n)
        return {
            "clients": n,
            "connect_s": connect_s,
            "settle_s": settle_s,
            "warm_up_ms": warm_up_ms,
            "slowest_ms": [round(slowest[k] * 1000) for k in range(POSTS)],
            "fastest_ms": [round(fastest[k] * 1000) for k in range(POSTS)],
            "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
            "p99": percentile(latencies, 0.99) * 1000 if latencies else float("nan"),
            "max": max(latencies) * 1000 if latencies else float("nan"),
            "fanout_per_s": n * POSTS / sum(fanout_times),
            "burst_per_s": len(burst_receipts) / burst_span if burst_span else 0,
            "lost": expected - delivered,
            "errors": errors[:3],
            "rss_idle": rss_idle,
            "rss_connected": rss_connected,
            "kib_per_connection": (rss_connected - rss_idle) * 1024 / n,
            "server_cpu_pct": 100 * server_cpu / timed_s,
            "server_cpu_ms_per_post": 1000 * server_cpu / POSTS,
            "client_cpu_pct": 100 * client_cpu / timed_s,
            "floor_one": floor_one,
            "floor_all": floor_all,
        }
    finally:
        if clients is not None:
            clients.close()
        for process in [*servers, task_worker]:
            process.terminate()
        for process in [*servers, task_worker]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def main() -> int:
    redis_url = bench_redis_url()
    workdir = Path(tempfile.mkdtemp(prefix="commit-ws-bench-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    if database_url.startswith("postgres"):
        ensure_postgres_database(database_url)
    settings_module(workdir, redis_url)
    sys.path.insert(0, str(workdir))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ["DATABASE_URL"] = database_url
    import django
    from django.conf import settings

    django.setup()
    layer = settings.CHANNEL_LAYERS["default"]["BACKEND"]

    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(
        f"ws_fanout: {engine}, Redis {redis_url} ({layer}), {SERVERS} {server_name()} "
        f"process(es), {PROCS} client "
        f"processes, {POSTS} timed posts + burst of {BURST}; load average {load_average()}",
        flush=True,
    )
    rows, misses = [], []
    for run, clients in enumerate(CLIENT_COUNTS):
        thread_id, sessions = build_database(clients)
        print(f"  {clients} subscribers…", flush=True)
        try:
            row = run_round(
                workdir, database_url, redis_url, thread_id, sessions, f"{os.getpid()}r{run}"
            )
        except Exception as failure:
            misses.append(f"{clients} subscribers: the round failed ({failure!r})")
            continue
        rows.append(row)
        print(f"    done; load average {load_average()}", flush=True)

    print()
    print(
        "| subscribers | p50 ms | p99 ms | max ms | deliveries/s (one post) "
        "| deliveries/s (burst) | lost | server RSS idle → connected MiB | KiB/connection "
        "| server CPU % | server CPU ms/post | clients CPU % | Redis 1→1 p50/p99 ms "
        "| Redis 1→N p50/p99 ms | p99 ÷ Redis 1→N p99 |"
    )
    print("| " + " | ".join(["---:"] * 15) + " |")
    for row in rows:
        one, many = row["floor_one"], row["floor_all"]
        print(
            f"| {row['clients']} | {row['p50']:.1f} | {row['p99']:.1f} | {row['max']:.1f} "
            f"| {row['fanout_per_s']:.0f} | {row['burst_per_s']:.0f} | {row['lost']} "
            f"| {row['rss_idle']:.0f} → {row['rss_connected']:.0f} "
            f"| {row['kib_per_connection']:.0f} | {row['server_cpu_pct']:.0f} "
            f"| {row['server_cpu_ms_per_post']:.0f} "
            f"| {row['client_cpu_pct']:.0f} | {one['p50']:.2f} / {one['p99']:.2f} "
            f"| {many['p50']:.1f} / {many['p99']:.1f} | {row['p99'] / many['p99']:.2f} |"
        )
    for row in rows:
        print(
            f"{row['clients']} subscribers: untimed warm-up posts (one per server) "
            f"up to {row['warm_up_ms']:.0f} ms, "
            f"connect {row['connect_s']:.1f} s, presence "
            f"settled {row['settle_s']:.1f} s later; Redis floor lost {row['floor_all']['lost']}"
            + (f"; error frames: {row['errors']}" if row["errors"] else "")
        )
        print(f"  first delivery of each timed post, ms: {row['fastest_ms']}")
        print(f"  last delivery of each timed post, ms: {row['slowest_ms']}")
        if row["lost"]:
            misses.append(f"{row['clients']} subscribers: {row['lost']} deliveries lost")
    at_target = [row for row in rows if row["clients"] >= TARGET_AT] or (
        [max(rows, key=lambda row: row["clients"])] if rows else []
    )
    for row in at_target:
        if not row["p99"] <= TARGET_MS:
            misses.append(
                f"{row['clients']} subscribers: p99 {row['p99']:.1f} ms is over the "
                f"{TARGET_MS:.0f} ms target"
            )
        floor_p99 = row["floor_all"]["p99"]
        if not row["p99"] <= TARGET_RATIO * floor_p99:
            misses.append(
                f"{row['clients']} subscribers: p99 {row['p99']:.1f} ms is "
                f"{row['p99'] / floor_p99:.2f}x the Redis 1→N floor's p99 "
                f"({floor_p99:.1f} ms), over the {TARGET_RATIO:g}x target"
            )
    print(f"load average at the end: {load_average()}")
    for miss in misses:
        print(f"MISSED: {miss}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
