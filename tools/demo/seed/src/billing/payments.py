"""Charging customers through Stripe."""

import stripe

from src.billing.invoice import Invoice
from src.config import settings

stripe.api_key = settings.stripe_api_key


class PaymentFailed(Exception):
    pass


def charge_invoice(invoice: Invoice, payment_method_id: str) -> str:
    amount_minor = int(invoice.gross_total * 100)
    try:
        intent = stripe.PaymentIntent.create(
            amount=amount_minor,
            currency=invoice.currency.lower(),
            payment_method=payment_method_id,
            confirm=True,
            metadata={"invoice": invoice.number},
        )
    except stripe.error.CardError as exc:
        raise PaymentFailed(exc.user_message or "card declined") from exc
    return intent.id
