"""Notifications: templated email, delivered through a queue."""
