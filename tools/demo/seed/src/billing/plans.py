"""Subscription plans and their prices (in minor units)."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Plan:
    code: str
    name: str
    monthly_price: Decimal
    currency: str = "EUR"


PLANS = {
    "starter": Plan("starter", "Starter", Decimal("9.00")),
    "growth": Plan("growth", "Growth", Decimal("29.00")),
    "scale": Plan("scale", "Scale", Decimal("99.00")),
}


def get_plan(code: str) -> Plan:
    try:
        return PLANS[code]
    except KeyError:
        raise ValueError(f"unknown plan {code!r}") from None
