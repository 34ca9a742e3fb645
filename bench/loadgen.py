"""A small HTTP/1.1 keep-alive load generator on asyncio (uvloop when installed), for bench/web.py.

Each connection sends its next request as soon as the previous answer is read; requests come
from a callable, so each may differ (the next article, another reader's reaction).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Result", "run_load", "request_bytes"]


@dataclass
class Result:
    """What one load run measured."""

    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    bytes_read: int = 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0


def request_bytes(method: str, path: str, *, host: str, headers: dict[str, str] | None = None,
                  body: bytes = b"") -> bytes:
    """One HTTP/1.1 request, ready to send."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: keep-alive"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method != "GET":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, int]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status, len(head) + length


async def _connection(host: str, port: int, next_request: Callable[[int], bytes | None], result: Result,
                      deadline: float, worker: int) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            request = next_request(worker)
            if request is None:
                return
            start = time.perf_counter()
            writer.write(request)
            status, size = await _read_response(reader)
            result.latencies.append(time.perf_counter() - start)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            result.bytes_read += size
            result.requests += 1
    finally:
        writer.close()


async def _run(host: str, port: int, connections: int, seconds: float,
               next_request: Callable[[int], bytes | None]) -> Result:
    result = Result()
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(*(_connection(host, port, next_request, result, deadline, worker)
                           for worker in range(connections)))
    result.seconds = time.perf_counter() - start
    return result


def run_load(host: str, port: int, *, connections: int, seconds: float,
             next_request: Callable[[int], bytes | None]) -> Result:
    """Drive the server for at most seconds (or until next_request gives None on every connection)."""
    try:
        import uvloop

        return uvloop.run(_run(host, port, connections, seconds, next_request))
    except ImportError:
        return asyncio.run(_run(host, port, connections, seconds, next_request))
