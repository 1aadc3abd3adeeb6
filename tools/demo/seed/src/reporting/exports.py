"""CSV exports of reports."""

import csv
import io
from datetime import date

from src.reporting.revenue import daily_revenue

FIELDS = ["day", "currency", "gross"]


def revenue_csv(start: date, end: date) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    for day, per_currency in sorted(daily_revenue(start, end).items()):
        for currency, gross in sorted(per_currency.items()):
            writer.writerow({"day": day.isoformat(), "currency": currency, "gross": f"{gross:.2f}"})
    return buffer.getvalue()
