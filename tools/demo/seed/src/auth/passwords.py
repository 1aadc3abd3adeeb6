"""Password hashing with argon2id; bcrypt hashes from before the migration still verify."""

import bcrypt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

_hasher = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=2)


def hash_password(plain: str) -> str:
    return _hasher.hash(plain)


def verify_password(plain: str, stored: str) -> bool:
    if stored.startswith("$2b$"):
        # Legacy bcrypt hash: still accepted, rehashed on the next successful login.
        return bcrypt.checkpw(plain.encode(), stored.encode())
    try:
        return _hasher.verify(stored, plain)
    except (VerifyMismatchError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return stored.startswith("$2b$") or _hasher.check_needs_rehash(stored)
