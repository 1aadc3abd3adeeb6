"""Signed, expiring tokens for sessions and password resets."""

import hashlib
import hmac
import secrets
import time

from src.config import settings

RESET_TOKEN_TTL_SECONDS = 30 * 60


def new_token() -> str:
    return secrets.token_urlsafe(32)


def sign(value: str) -> str:
    mac = hmac.new(settings.secret_key.encode(), value.encode(), hashlib.sha256).hexdigest()
    return f"{value}.{mac}"


def unsign(signed: str) -> str | None:
    value, _, mac = signed.rpartition(".")
    expected = hmac.new(settings.secret_key.encode(), value.encode(), hashlib.sha256).hexdigest()
    return value if hmac.compare_digest(mac, expected) else None


def reset_token_expired(issued_at: float, now: float | None = None) -> bool:
    return (now or time.time()) - issued_at > RESET_TOKEN_TTL_SECONDS
