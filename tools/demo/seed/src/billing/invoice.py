"""Invoices: line items, totals and numbering."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from src.billing.tax import round_money, vat_rate


@dataclass
class LineItem:
    description: str
    quantity: int
    unit_price: Decimal

    @property
    def net(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class Invoice:
    number: str
    customer_id: int
    country: str
    issued_on: date
    currency: str = "EUR"
    items: list[LineItem] = field(default_factory=list)

    @property
    def net_total(self) -> Decimal:
        return sum((item.net for item in self.items), Decimal("0"))

    @property
    def tax_total(self) -> Decimal:
        return round_money(self.net_total * vat_rate(self.country))

    @property
    def gross_total(self) -> Decimal:
        return self.net_total + self.tax_total


def next_invoice_number(year: int, last_sequence: int) -> str:
    return f"INV-{year}-{last_sequence + 1:06d}"
