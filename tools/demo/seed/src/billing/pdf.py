"""Renders invoices to PDF in a background worker, not on the request thread."""

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from jinja2 import Environment, PackageLoader

from src.billing.invoice import Invoice

_env = Environment(loader=PackageLoader("src.billing", "templates"), autoescape=True)
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="invoice-pdf")
OUTPUT_DIR = Path("var/invoices")


def _render(invoice: Invoice) -> Path:
    html = _env.get_template("invoice.html").render(invoice=invoice)
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    target = OUTPUT_DIR / f"{invoice.number}.html"
    target.write_text(html, encoding="utf-8")
    return target


def render_invoice_async(invoice: Invoice) -> Future[Path]:
    return _pool.submit(_render, invoice)
