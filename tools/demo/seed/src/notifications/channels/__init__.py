"""Delivery channels by name."""

from src.notifications.channels.base import Channel
from src.notifications.channels.email_channel import EmailChannel

CHANNELS: dict[str, Channel] = {"email": EmailChannel()}
