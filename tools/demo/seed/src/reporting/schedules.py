"""Weekly report schedule. Weeks run Monday 00:00 to Sunday 23:59 in the shop's timezone."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SHOP_TZ = ZoneInfo("Europe/Berlin")


def week_bounds(day: date) -> tuple[datetime, datetime]:
    monday = day - timedelta(days=day.weekday())
    start = datetime.combine(monday, time.min, tzinfo=SHOP_TZ)
    end = start + timedelta(days=7) - timedelta(microseconds=1)
    return start, end


def previous_week(today: date) -> tuple[datetime, datetime]:
    return week_bounds(today - timedelta(days=7))
