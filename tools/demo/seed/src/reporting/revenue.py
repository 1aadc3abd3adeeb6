"""Daily and monthly revenue reports."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from src.billing.invoice import Invoice
from src.billing.tax import round_money
from src.reporting.queries import revenue_rows


def daily_revenue(start: date, end: date) -> dict[date, dict[str, Decimal]]:
    report: dict[date, dict[str, Decimal]] = defaultdict(dict)
    for row in revenue_rows(start, end):
        report[row["day"]][row["currency"]] = round_money(Decimal(row["gross"]))
    return dict(report)


def monthly_revenue(year: int, month: int) -> dict[str, Decimal]:
    start = date(year, month, 1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for per_currency in daily_revenue(start, end).values():
        for currency, amount in per_currency.items():
            totals[currency] += amount
    return dict(totals)


def invoice_revenue(invoices: list[Invoice]) -> Decimal:
    return round_money(sum((inv.gross_total for inv in invoices), Decimal("0")))
