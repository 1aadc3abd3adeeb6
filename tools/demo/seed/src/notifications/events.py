"""Domain events other modules publish; each one becomes a queued notification."""

from src.notifications.queue import enqueue


def order_confirmed(email: str, order_number: str, total: str) -> None:
    enqueue("email", email, {"template": "order_confirmation", "order_number": order_number, "total": total})


def password_reset_requested(email: str, reset_url: str) -> None:
    enqueue("email", email, {"template": "password_reset", "reset_url": reset_url})


def invoice_issued(email: str, invoice_number: str) -> None:
    enqueue("email", email, {"template": "invoice_issued", "invoice_number": invoice_number})
