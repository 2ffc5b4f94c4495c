"""The e-mails of ``prepare:`` and ``follow-up:`` as .eml files, ready to open in a mail client."""

from __future__ import annotations

import datetime as dt
import re

from cs_handouts.content.steps import Email
from cs_handouts.text.markup import plain, slug


def email_bytes(message: Email, sent: dt.datetime | None = None) -> bytes:
    """One e-mail as RFC 5322 bytes: plain UTF-8 text, no Message-ID, so builds stay identical."""
    # Imported here: the e-mail package (about 4 ms) only for a module that has e-mails.
    import email.policy
    import email.utils
    from email.message import EmailMessage

    mail = EmailMessage(policy=email.policy.SMTP)
    # "participants" is not an address: an empty group keeps the words and stays valid.
    mail["To"] = message.to if "@" in message.to else f"{_group_name(message.to)}:;"
    mail["Subject"] = plain(message.subject)
    if sent is not None:
        mail["Date"] = email.utils.format_datetime(sent)
    mail["X-Unsent"] = "1"  # Outlook and others open it as a draft to send
    mail.set_content(message.body.strip() + "\n", subtype="plain", charset="utf-8")
    return mail.as_bytes()


def _group_name(words: str) -> str:
    cleaned = "".join(ch for ch in plain(words) if ch not in ':;,<>"@\\')
    return f'"{cleaned.strip()}"' if any(not ch.isalnum() for ch in cleaned.strip()) else cleaned


def email_filename(section: str, number: int, message: Email) -> str:
    """``emails/prepare-1-what-to-bring.eml``: the section, its order, and the subject."""
    words = re.sub(r"-+", "-", slug(plain(message.subject)))[:50].strip("-")
    return f"emails/{section}-{number}-{words}.eml"
