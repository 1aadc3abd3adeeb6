"""Queries and updates on users; the only module that touches the users table."""

from sqlalchemy import select

from src.db import session_scope
from src.users.models import User


def find_by_email(email: str) -> User | None:
    with session_scope() as db:
        return db.scalar(select(User).where(User.email == email.strip().lower()))


def find_by_id(user_id: int) -> User | None:
    with session_scope() as db:
        return db.get(User, user_id)


def create_user(email: str, display_name: str, password_hash: str) -> User:
    user = User(email=email.strip().lower(), display_name=display_name, password_hash=password_hash)
    with session_scope() as db:
        db.add(user)
    return user


def update_password_hash(user_id: int, password_hash: str) -> None:
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is not None:
            user.password_hash = password_hash
