"""HTTP routes for login, logout and password resets."""

from fastapi import APIRouter, HTTPException, Request, Response

from src.auth import rate_limit
from src.auth.passwords import hash_password, needs_rehash, verify_password
from src.auth.sessions import create_session, end_session, get_session
from src.users.repository import find_by_email, update_password_hash

router = APIRouter()
SESSION_COOKIE = "shop_session"


@router.post("/login")
def login(request: Request, response: Response, email: str, password: str) -> dict:
    key = f"{request.client.host}:{email.lower()}"
    if rate_limit.is_limited(key):
        raise HTTPException(status_code=429, detail="Too many attempts, try again later")
    user = find_by_email(email)
    if user is None or not verify_password(password, user.password_hash):
        rate_limit.register_failure(key)
        raise HTTPException(status_code=401, detail="Invalid email or password")
    rate_limit.reset(key)
    if needs_rehash(user.password_hash):
        update_password_hash(user.id, hash_password(password))
    session = create_session(user.id)
    response.set_cookie(SESSION_COOKIE, session.token, httponly=True, secure=True, samesite="lax")
    return {"user_id": user.id}


@router.post("/logout")
def logout(request: Request, response: Response) -> dict:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        end_session(token)
    response.delete_cookie(SESSION_COOKIE)
    return {"ok": True}


@router.get("/session")
def current_session(request: Request) -> dict:
    token = request.cookies.get(SESSION_COOKIE)
    session = get_session(token) if token else None
    if session is None:
        raise HTTPException(status_code=401, detail="Not signed in")
    return {
        "user_id": session.user_id,
        "expires_at": session.expires_at.isoformat(),
    }
