"""Application entry point: builds the FastAPI app and mounts every module's router."""

from fastapi import FastAPI

from src.auth.routes import router as auth_router
from src.billing.routes import router as billing_router
from src.config import settings
from src.reporting.routes import router as reporting_router
from src.users.routes import router as users_router


def create_app() -> FastAPI:
    app = FastAPI(title="demo-shop", version=settings.version)
    app.include_router(auth_router, prefix="/auth", tags=["auth"])
    app.include_router(users_router, prefix="/users", tags=["users"])
    app.include_router(billing_router, prefix="/billing", tags=["billing"])
    app.include_router(reporting_router, prefix="/reports", tags=["reporting"])
    return app


app = create_app()
