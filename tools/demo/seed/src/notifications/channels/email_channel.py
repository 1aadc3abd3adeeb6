"""Sends rendered templates over SMTP."""

import smtplib
from email.message import EmailMessage

from src.config import settings
from src.notifications.email import render


class EmailChannel:
    name = "email"

    def send(self, recipient: str, payload: dict) -> None:
        context = {k: v for k, v in payload.items() if k != "template"}
        subject, html = render(str(payload["template"]), **context)
        message = EmailMessage()
        message["To"] = recipient
        message["From"] = "shop@demo-shop.example"
        message["Subject"] = subject
        message.set_content(html, subtype="html")
        with smtplib.SMTP(settings.smtp_host) as smtp:
            smtp.send_message(message)
