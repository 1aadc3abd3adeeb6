"""HTTP routes for profiles and the support console's user search."""

from fastapi import APIRouter, HTTPException

from src.users.repository import find_by_id
from src.users.search import search_users

router = APIRouter()


@router.get("/{user_id}")
def get_user(user_id: int) -> dict:
    user = find_by_id(user_id)
    if user is None:
        raise HTTPException(status_code=404, detail="No such user")
    return {"id": user.id, "email": user.email, "display_name": user.display_name}


@router.get("")
def list_users(q: str = "", page: int = 1, page_size: int = 25) -> dict:
    result = search_users(q, page, page_size)
    return {
        "items": [{"id": u.id, "email": u.email} for u in result.items],
        "total": result.total,
        "page": result.page,
    }
