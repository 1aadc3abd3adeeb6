"""A small persistent queue for outgoing notifications, drained by a worker."""

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

QUEUE_DB = Path("var/notifications.sqlite")


@dataclass
class Message:
    id: int
    channel: str
    recipient: str
    payload: dict


def _connect() -> sqlite3.Connection:
    QUEUE_DB.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(QUEUE_DB)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, channel TEXT, recipient TEXT, payload TEXT, sent INTEGER DEFAULT 0)"
    )
    return conn


def enqueue(channel: str, recipient: str, payload: dict) -> None:
    with _connect() as conn:
        conn.execute(
            "INSERT INTO outbox (channel, recipient, payload) VALUES (?, ?, ?)",
            (channel, recipient, json.dumps(payload)),
        )


def pending(limit: int = 50) -> list[Message]:
    with _connect() as conn:
        rows = conn.execute(
            "SELECT id, channel, recipient, payload FROM outbox WHERE sent = 0 ORDER BY id LIMIT ?", (limit,)
        ).fetchall()
    return [Message(r[0], r[1], r[2], json.loads(r[3])) for r in rows]


def mark_sent(message_id: int) -> None:
    with _connect() as conn:
        conn.execute("UPDATE outbox SET sent = 1 WHERE id = ?", (message_id,))
