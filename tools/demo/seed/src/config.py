"""Settings read once from the environment."""

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    version: str = "0.8.0"
    database_url: str = field(default_factory=lambda: os.environ.get("DATABASE_URL", "sqlite:///shop.db"))
    secret_key: str = field(default_factory=lambda: os.environ.get("SECRET_KEY", "dev-only-secret"))
    stripe_api_key: str = field(default_factory=lambda: os.environ.get("STRIPE_API_KEY", ""))
    stripe_webhook_secret: str = field(default_factory=lambda: os.environ.get("STRIPE_WEBHOOK_SECRET", ""))
    smtp_host: str = field(default_factory=lambda: os.environ.get("SMTP_HOST", "localhost"))
    session_ttl_minutes: int = 60 * 24
    default_currency: str = "EUR"


settings = Settings()
