"""Authentication: login, sessions, password hashing and permission checks."""
