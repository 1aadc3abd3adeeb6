"""Sliding-window rate limiting for the login endpoint."""

import time
from collections import defaultdict, deque

MAX_ATTEMPTS = 5
WINDOW_SECONDS = 15 * 60

_attempts: dict[str, deque[float]] = defaultdict(deque)


def register_failure(key: str, now: float | None = None) -> None:
    _attempts[key].append(now or time.time())


def is_limited(key: str, now: float | None = None) -> bool:
    now = now or time.time()
    window = _attempts[key]
    while window and now - window[0] > WINDOW_SECONDS:
        window.popleft()
    return len(window) >= MAX_ATTEMPTS


def reset(key: str) -> None:
    _attempts.pop(key, None)
