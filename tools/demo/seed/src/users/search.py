"""Paginated user search for the support console."""

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from src.db import session_scope
from src.users.models import User

MAX_PAGE_SIZE = 100


@dataclass
class Page:
    items: list[User]
    total: int
    page: int
    page_size: int


def search_users(query: str, page: int = 1, page_size: int = 25) -> Page:
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    pattern = f"%{query.strip().lower()}%"
    condition = or_(User.email.ilike(pattern), User.display_name.ilike(pattern))
    with session_scope() as db:
        total = db.scalar(select(func.count()).select_from(User).where(condition)) or 0
        rows = db.scalars(
            select(User).where(condition).order_by(User.id).offset((page - 1) * page_size).limit(page_size)
        ).all()
    return Page(items=list(rows), total=total, page=page, page_size=page_size)
