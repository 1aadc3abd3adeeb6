"""Reporting: revenue and usage reports, scheduled exports."""
