"""Server-side sessions keyed by an opaque token."""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from src.auth.tokens import new_token
from src.config import settings


@dataclass
class Session:
    token: str
    user_id: int
    expires_at: datetime

    @property
    def expired(self) -> bool:
        return datetime.now(timezone.utc) >= self.expires_at


_sessions: dict[str, Session] = {}


def create_session(user_id: int) -> Session:
    ttl = timedelta(minutes=settings.session_ttl_minutes)
    session = Session(new_token(), user_id, datetime.now(timezone.utc) + ttl)
    _sessions[session.token] = session
    return session


def get_session(token: str) -> Session | None:
    session = _sessions.get(token)
    if session is None or session.expired:
        _sessions.pop(token, None)
        return None
    return session


def refresh_session(token: str) -> Session:
    """Replaces a live session with a new token and a full TTL."""
    old = _sessions.pop(token)
    return create_session(old.user_id)


def end_session(token: str) -> None:
    _sessions.pop(token, None)
