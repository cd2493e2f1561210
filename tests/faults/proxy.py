"""
A TCP fault proxy: the app talks to a real service through it, and a test cuts the path.

This is what toxiproxy does, in a hundred lines of the standard library: the proxy listens
on a port of its own and pipes every connection to the real PostgreSQL, Redis or
Elasticsearch. `cut()` closes every open connection and stops listening, so the app sees
exactly what it sees when the service stops or restarts (established links reset, new
ones refused); `restore()` listens again on the same port. The real engine answers
everything that gets through: nothing is imitated, and the shared services that other
test processes use are never stopped.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from urllib.parse import urlsplit

# How often the accept loop looks up to see whether it was cut (seconds).
ACCEPT_POLL_S = 0.1
CHUNK = 65536


class FaultProxy:
    """Pipes 127.0.0.1:<port> to `upstream`; `cut()` and `restore()` fail and mend the path."""

    def __init__(self, upstream_host: str, upstream_port: int):
        self.upstream = (upstream_host, upstream_port)
        self.port = 0
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._accepting: threading.Thread | None = None
        self.connections_made = 0

    @classmethod
    def for_url(cls, url: str) -> FaultProxy:
        parts = urlsplit(url)
        return cls(parts.hostname or "127.0.0.1", parts.port)

    def url_through(self, url: str) -> str:
        """`url` with its host and port replaced by the proxy's."""
        parts = urlsplit(url)
        credentials = parts.netloc.rpartition("@")[0]
        netloc = f"{credentials}@" if credentials else ""
        return parts._replace(netloc=f"{netloc}127.0.0.1:{self.port}").geturl()

    # Life cycle ----------------------------------------------------------------------

    def start(self) -> FaultProxy:
        self._listen()
        return self

    def cut(self) -> None:
        """Refuse new connections and reset every open one, as a stopped service does."""
        with self._lock:
            listener, self._listener = self._listener, None
            sockets, self._sockets = self._sockets, set()
        if listener is not None:
            listener.close()
        if self._accepting is not None:
            self._accepting.join()
            self._accepting = None
        for sock in sockets:
            _close(sock)

    def restore(self) -> None:
        """Listen again on the same port: the service is back."""
        if self._listener is None:
            self._listen()

    def close(self) -> None:
        self.cut()

    @property
    def is_cut(self) -> bool:
        return self._listener is None

    # Internals -----------------------------------------------------------------------

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        # A timeout, not close(), ends the accept loop: closing a socket that another
        # thread waits in accept() on does not wake that thread on Linux.
        listener.settimeout(ACCEPT_POLL_S)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._accepting = threading.Thread(
            target=self._accept, args=(listener,), name=f"fault-proxy-{self.port}", daemon=True
        )
        self._accepting.start()

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                downstream, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                _close(downstream)
                continue
            downstream.settimeout(None)
            upstream.settimeout(None)
            with self._lock:
                if self._listener is not listener:
                    _close(downstream)
                    _close(upstream)
                    return
                self._sockets.update((downstream, upstream))
                self.connections_made += 1
            for source, target in ((downstream, upstream), (upstream, downstream)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    def _pipe(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(CHUNK):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            # One side closed: the other must see it, as it would without the proxy.
            with self._lock:
                self._sockets.discard(source)
                self._sockets.discard(target)
            _close(source)
            _close(target)


def _close(sock: socket.socket) -> None:
    # shutdown() wakes a thread blocked in recv() on the socket; close() alone does not.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
