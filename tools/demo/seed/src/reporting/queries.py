"""SQL for the reports. Reads billing and users tables directly (see the coupling research)."""

from datetime import date

from sqlalchemy import text

from src.db import session_scope

REVENUE_BY_DAY = text(
    """
    SELECT issued_on AS day, currency, SUM(gross_total) AS gross
    FROM invoices
    WHERE issued_on BETWEEN :start AND :end
    GROUP BY issued_on, currency
    ORDER BY issued_on
    """
)

ACTIVE_USERS = text("SELECT COUNT(*) FROM users WHERE last_login_at >= :since")


def revenue_rows(start: date, end: date) -> list[dict]:
    with session_scope() as db:
        return [dict(row._mapping) for row in db.execute(REVENUE_BY_DAY, {"start": start, "end": end})]


def active_user_count(since: date) -> int:
    with session_scope() as db:
        return int(db.execute(ACTIVE_USERS, {"since": since}).scalar_one())
