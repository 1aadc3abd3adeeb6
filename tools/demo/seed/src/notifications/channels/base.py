"""The interface every delivery channel implements."""

from typing import Protocol


class Channel(Protocol):
    name: str

    def send(self, recipient: str, payload: dict) -> None: ...
