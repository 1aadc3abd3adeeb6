"""Drains the notification queue and hands each message to its channel."""

import logging
import time

from src.notifications.channels import CHANNELS
from src.notifications.queue import mark_sent, pending

log = logging.getLogger(__name__)


def drain_once() -> int:
    sent = 0
    for message in pending():
        channel = CHANNELS.get(message.channel)
        if channel is None:
            log.warning("no channel %r for message %d", message.channel, message.id)
            continue
        channel.send(message.recipient, message.payload)
        mark_sent(message.id)
        sent += 1
    return sent


def run_forever(poll_seconds: float = 2.0) -> None:
    while True:
        if drain_once() == 0:
            time.sleep(poll_seconds)
