"""Role-based permission checks."""

from enum import Enum


class Role(str, Enum):
    CUSTOMER = "customer"
    SUPPORT = "support"
    FINANCE = "finance"
    ADMIN = "admin"


PERMISSIONS: dict[Role, set[str]] = {
    Role.CUSTOMER: {"orders:read", "profile:write"},
    Role.SUPPORT: {"orders:read", "users:read", "refunds:create"},
    Role.FINANCE: {"invoices:read", "reports:read", "refunds:create"},
    Role.ADMIN: {"*"},
}


def can(role: Role, permission: str) -> bool:
    granted = PERMISSIONS.get(role, set())
    return "*" in granted or permission in granted
