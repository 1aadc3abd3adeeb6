"""Billing: plans, invoices, payments and payment-provider webhooks."""
