"""Prometheus metrics in the text exposition format, without a client library: request counts
and latencies per route, GraphQL errors per code, and store round-trips.

Route labels are limited to the service's own routes, so a scan of random URLs cannot grow the
number of series.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections import Counter

from starlette.types import ASGIApp, Message, Receive, Scope, Send

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
ROUTES = ("/graphql", "/healthz", "/readyz", "/metrics")


def _route(path: str) -> str:
    return next((r for r in ROUTES if path == r or path.startswith(r + "/")), "other")


class Metrics:
    """The service's counters; ``render`` produces what /metrics serves."""

    def __init__(self) -> None:
        self.requests: Counter[tuple[str, str, int]] = Counter()
        self.errors: Counter[str] = Counter()
        self.latency: dict[str, list[int]] = {}
        self.latency_sum: dict[str, float] = {}

    def observe(self, method: str, path: str, status: int, seconds: float) -> None:
        route = _route(path)
        self.requests[(method, route, status)] += 1
        buckets = self.latency.setdefault(route, [0] * (len(BUCKETS) + 1))
        buckets[bisect_left(BUCKETS, seconds)] += 1
        self.latency_sum[route] = self.latency_sum.get(route, 0.0) + seconds

    def graphql_error(self, code: str) -> None:
        self.errors[code] += 1

    def render(self, round_trips: int) -> str:
        lines = ["# HELP kg_http_requests_total HTTP requests by method, route and status.",
                 "# TYPE kg_http_requests_total counter"]
        lines += [f'kg_http_requests_total{{method="{m}",route="{r}",status="{s}"}} {n}'
                  for (m, r, s), n in sorted(self.requests.items())]
        lines += ["# HELP kg_http_request_duration_seconds HTTP request latency by route.",
                  "# TYPE kg_http_request_duration_seconds histogram"]
        for route, counts in sorted(self.latency.items()):
            cumulative = 0
            for bound, count in zip((*map(str, BUCKETS), "+Inf"), counts, strict=True):
                cumulative += count
                lines.append(f'kg_http_request_duration_seconds_bucket{{route="{route}",le="{bound}"}} {cumulative}')
            lines.append(f'kg_http_request_duration_seconds_sum{{route="{route}"}} {self.latency_sum[route]:.6f}')
            lines.append(f'kg_http_request_duration_seconds_count{{route="{route}"}} {cumulative}')
        lines += ["# HELP kg_graphql_errors_total GraphQL errors returned, by extensions.code.",
                  "# TYPE kg_graphql_errors_total counter"]
        lines += [f'kg_graphql_errors_total{{code="{c}"}} {n}' for c, n in sorted(self.errors.items())]
        lines += ["# HELP kg_store_round_trips_total Queries sent to the graph store.",
                  "# TYPE kg_store_round_trips_total counter", f"kg_store_round_trips_total {round_trips}"]
        return "\n".join(lines) + "\n"


class MetricsMiddleware:
    """ASGI middleware that times every HTTP request into ``metrics``."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        start = time.perf_counter()

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            self.metrics.observe(scope["method"], scope["path"], status, time.perf_counter() - start)
