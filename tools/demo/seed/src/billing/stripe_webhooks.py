"""Stripe webhook endpoint: verifies the signature and dispatches events."""

import logging

import stripe
from fastapi import APIRouter, Header, HTTPException, Request

from src.config import settings

log = logging.getLogger(__name__)
router = APIRouter()

HANDLED_EVENTS = {"payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded"}


@router.post("/webhooks/stripe")
async def stripe_webhook(request: Request, stripe_signature: str = Header(...)) -> dict:
    payload = await request.body()
    try:
        event = stripe.Webhook.construct_event(payload, stripe_signature, settings.stripe_webhook_secret)
    except (ValueError, stripe.error.SignatureVerificationError) as exc:
        raise HTTPException(status_code=400, detail="Invalid signature") from exc
    if event["type"] not in HANDLED_EVENTS:
        return {"ignored": event["type"]}
    log.info("stripe event %s for %s", event["type"], event["data"]["object"].get("id"))
    return {"received": event["type"]}
