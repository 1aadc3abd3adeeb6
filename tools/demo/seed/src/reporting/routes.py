"""HTTP routes for reports (finance role only)."""

from datetime import date

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from src.reporting.exports import revenue_csv
from src.reporting.revenue import monthly_revenue

router = APIRouter()


@router.get("/revenue/{year}/{month}")
def revenue(year: int, month: int) -> dict:
    return {currency: str(amount) for currency, amount in monthly_revenue(year, month).items()}


@router.get("/revenue.csv", response_class=PlainTextResponse)
def revenue_export(start: date, end: date) -> str:
    return revenue_csv(start, end)
