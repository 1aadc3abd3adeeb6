"""VAT rates per country; prices are stored net."""

from decimal import ROUND_HALF_UP, Decimal

VAT_RATES = {
    "DE": Decimal("0.19"),
    "FR": Decimal("0.20"),
    "NL": Decimal("0.21"),
    "IE": Decimal("0.23"),
}


def vat_rate(country: str) -> Decimal:
    return VAT_RATES.get(country.upper(), Decimal("0"))


def round_money(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
