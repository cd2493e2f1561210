"""
Benchmark: websocket fan-out of a forum thread (post → delivery to every reader).

Run: `.venv/bin/python bench/ws_fanout.py`
     (`BENCH_CLIENTS=50,200,500` readers per round, `BENCH_MESSAGES=20` posts per round;
     with `REDIS_URL=redis://127.0.0.1:6379/0` the rounds run on the in-memory layer AND on
     the Redis channel layer.)

Builds a throw-away SQLite database (WAL journal, so readers do not block the writer) with
a members-only forum, one thread and N approved members with sessions, then starts Daphne
on a free loopback port. N websocket clients connect with their session cookies (a small
asyncio client, no extra dependency). K posts are then sent through the thread's
websocket, each by a different member (so no one meets the posting rate limit): the
consumer writes through `forums.actions.create_post`, and after the commit every reader's
consumer re-checks permission and renders the post for that reader. A post is sent when
the previous one has reached every reader, so the latency is of one post, not a queue.

Reports per round: post → receipt latency over all (reader, post) pairs (p50/p95/p99/max),
deliveries per second, lost deliveries, and Daphne's resident memory before connecting,
with N connections open, and per connection. Loopback only; stops by itself.
"""

import asyncio
import base64
import json
import os
import re
import socket
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLIENT_COUNTS = [int(n) for n in os.environ.get("BENCH_CLIENTS", "50,200,500").split(",")]
MESSAGES = int(os.environ.get("BENCH_MESSAGES", "20"))
CONNECT_BATCH = 50
DELIVERY_TIMEOUT_S = int(os.environ.get("BENCH_TIMEOUT", "30"))
MARKER = re.compile(r"bench-(\d+)-(\d+)-end")


# A minimal RFC 6455 client ---------------------------------------------------------------


class Socket:
    def __init__(self, reader, writer):
        self.reader = reader
        self.writer = writer

    @classmethod
    async def connect(cls, port: int, path: str, session_key: str) -> "Socket":
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        key = base64.b64encode(os.urandom(16)).decode()
        writer.write(
            (
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                f"Sec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:{port}\r\n"
                f"Cookie: sessionid={session_key}\r\n\r\n"
            ).encode()
        )
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 101"):
            raise ConnectionError(head.split(b"\r\n", 1)[0].decode())
        return cls(reader, writer)

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        mask = os.urandom(4)
        length = len(payload)
        if length < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
        elif length < 65536:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
        masked = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
        self.writer.write(header + mask + masked)

    def send_json(self, message: dict) -> None:
        self._send_frame(0x1, json.dumps(message).encode())

    async def receive_text(self) -> str | None:
        """The next text message; None when the server closes."""
        parts = []
        while True:
            first, second = await self.reader.readexactly(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                (length,) = struct.unpack("!H", await self.reader.readexactly(2))
            elif length == 127:
                (length,) = struct.unpack("!Q", await self.reader.readexactly(8))
            payload = await self.reader.readexactly(length)
            if opcode == 0x8:
                return None
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode in (0x1, 0x0):
                parts.append(payload)
                if first & 0x80:
                    return b"".join(parts).decode()

    def close(self) -> None:
        self.writer.close()


# The database and the server ---------------------------------------------------------------


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = database_url
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def build_database(workdir: Path, members: int) -> tuple[int, list[str]]:
    """Migrate, then a forum, a thread and `members` approved members with sessions."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from forums import actions
    from forums.models import Forum
    from portal.actions import do_grant_membership
    from portal.models import AccessLevel, Role, StakeholderGroup, User
    from portal.permissions import viewer_for_user

    call_command("migrate", verbosity=0)
    group = StakeholderGroup.objects.create(name="Bench members", role=Role.CSO)
    forum = Forum.objects.create(name="Bench", slug="bench", access_level=AccessLevel.GROUPS)
    forum.allowed_groups.set([group])
    forum.save()
    users = User.objects.bulk_create(
        User(email=f"reader{i}@bench.example.org", display_name=f"Reader {i}", password="!")  # noqa: S106 (unusable)
        for i in range(members)
    )
    users = list(User.objects.order_by("pk"))
    sessions = []
    for user in users:
        do_grant_membership(None, user, group)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)
    thread = actions.create_thread(
        viewer_for_user(users[0], mfa_ok=False), forum, title="Fan-out", body="Readers gather here."
    )
    return thread.pk, sessions


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_daphne(database_url: str, redis_url: str | None, log_path: Path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    with log_path.open("a") as log:
        server = subprocess.Popen(  # noqa: S603 (our own fixed command)
            [
                *(str(ROOT / ".venv/bin/daphne"), "-v", "0", "-b", "127.0.0.1", "-p", str(port)),
                *("--websocket_connect_timeout", "60", "config.asgi:application"),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"Daphne exited:\n{log_path.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("Daphne did not start listening")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# One round ---------------------------------------------------------------------------------


async def run_round(port: int, pid: int, thread_id: int, sessions: list[str], run: int) -> dict:
    path = f"/ws/forums/threads/{thread_id}/"
    rss_before = rss_kib(pid)
    sockets = []
    for start in range(0, len(sessions), CONNECT_BATCH):
        batch = sessions[start : start + CONNECT_BATCH]
        sockets += await asyncio.gather(*(Socket.connect(port, path, key) for key in batch))

    sent_at: dict[int, float] = {}
    latencies: list[float] = []
    pending: dict[int, set[int]] = {k: set(range(len(sockets))) for k in range(MESSAGES)}
    arrived = {k: asyncio.Event() for k in range(MESSAGES)}

    async def listen(index: int, ws: Socket) -> None:
        while (text := await ws.receive_text()) is not None:
            message = json.loads(text)
            if message.get("type") == "error":
                print(f"    error frame: {message}", flush=True)
            if message.get("type") != "post.new":
                continue
            match = MARKER.search(message.get("html", ""))
            if match is None or int(match.group(1)) != run:
                continue
            k = int(match.group(2))
            latencies.append(time.perf_counter() - sent_at[k])
            pending[k].discard(index)
            if not pending[k]:
                arrived[k].set()

    listeners = [asyncio.create_task(listen(i, ws)) for i, ws in enumerate(sockets)]
    # Every socket has been accepted; its presence broadcasts settle before timing starts.
    await asyncio.sleep(1)
    rss_connected = rss_kib(pid)

    lost = 0
    started = time.perf_counter()
    for k in range(MESSAGES):
        poster = sockets[k % len(sockets)]
        sent_at[k] = time.perf_counter()
        poster.send_json({"type": "post", "body": f"Fan-out check bench-{run}-{k}-end"})
        try:
            await asyncio.wait_for(arrived[k].wait(), DELIVERY_TIMEOUT_S)
        except TimeoutError:
            lost += len(pending[k])
    elapsed = time.perf_counter() - started

    for task in listeners:
        task.cancel()
    for ws in sockets:
        ws.close()
    latencies.sort()
    return {
        "clients": len(sockets),
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "p99": latencies[int(0.99 * (len(latencies) - 1))] * 1000,
        "max": latencies[-1] * 1000,
        "per_second": len(latencies) / elapsed,
        "lost": lost,
        "rss_before": rss_before / 1024,
        "rss_connected": rss_connected / 1024,
        "per_connection": (rss_connected - rss_before) / len(sockets),
    }


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="commit-ws-bench-"))
    database = workdir / "bench.sqlite3"
    database_url = f"sqlite:///{database}"
    redis_url = os.environ.get("REDIS_URL", "")
    setup_django(database_url)
    print(f"Building the database in {workdir} ({max(CLIENT_COUNTS)} members)…", flush=True)
    thread_id, sessions = build_database(workdir, max(CLIENT_COUNTS))
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA journal_mode=WAL")

    layers = [("in-memory", None)] + ([("redis", redis_url)] if redis_url else [])
    rows = []
    run = 0
    for layer, url in layers:
        for clients in CLIENT_COUNTS:
            run += 1
            server, port = start_daphne(database_url, url, workdir / "daphne.log")
            try:
                print(f"  {layer}: {clients} clients × {MESSAGES} posts…", flush=True)
                result = asyncio.run(
                    run_round(port, server.pid, thread_id, sessions[:clients], run)
                )
                rows.append({"layer": layer, **result})
            finally:
                server.terminate()
                server.wait(timeout=30)

    print()
    print(
        "| layer | clients | p50 ms | p95 ms | p99 ms | max ms | deliveries/s | lost "
        "| Daphne RSS idle MiB | with clients MiB | KiB per connection |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row['layer']} | {row['clients']} | {row['p50']:.1f} | {row['p95']:.1f} "
            f"| {row['p99']:.1f} | {row['max']:.1f} | {row['per_second']:.0f} | {row['lost']} "
            f"| {row['rss_before']:.0f} | {row['rss_connected']:.0f} "
            f"| {row['per_connection']:.0f} |"
        )
    return 1 if any(row["lost"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
