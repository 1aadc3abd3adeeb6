from datetime import date
from decimal import Decimal

from src.billing.invoice import Invoice, LineItem, next_invoice_number


def test_totals_for_germany():
    invoice = Invoice("INV-2026-000001", 1, "DE", date(2026, 1, 5))
    invoice.items.append(LineItem("Growth plan", 1, Decimal("29.00")))
    assert invoice.tax_total == Decimal("5.51")
    assert invoice.gross_total == Decimal("34.51")


def test_numbering():
    assert next_invoice_number(2026, 41) == "INV-2026-000042"
