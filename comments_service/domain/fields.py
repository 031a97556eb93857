"""The rules for each field a reader (or a restored backup, or the author's edit) may write: its text, a
name, an address. Each rule trims and checks once and refuses with a Dutch message."""

from __future__ import annotations

import re
from email.message import EmailMessage
from typing import Any

import unicodedata2 as unicodedata  # the latest Unicode, whatever the interpreter's version
from confusables import is_confusable
from email_validator import EmailNotValidError, validate_email
from pydantic_core import PydanticCustomError

from comments_service.domain.limits import AUTHOR_MAX, BODY_MAX, EMAIL_MAX

LINE_BREAKS = frozenset("\n\r\t")
# An RFC 2047 encoded word: a mail library may decode it into anything, CR/LF included.
ENCODED_WORD = re.compile(r"=\?[^?]*\?[bq]\?", re.IGNORECASE)
# Bidirectional controls: in a name they reorder the text around it (the admin list, a mail).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def refuse(message: str) -> PydanticCustomError:
    """A field's refusal, with its Dutch message."""
    return PydanticCustomError("invalid", message)


def _text(value: Any, missing: str) -> str:
    """A trimmed string with no lone surrogates, or a Dutch error."""
    if value is None:
        raise refuse(missing)
    if not isinstance(value, str):
        raise refuse("Vul hier tekst in.")
    # Surrogates, non-characters (U+FFFE...) and unassigned code points: no output (XML, mail) takes them all.
    if any(unicodedata.category(char) in {"Cs", "Cn"} for char in value):
        raise refuse("Dit veld bevat ongeldige tekens.")
    return value.strip()


def has_controls(text: str, allowed: frozenset[str] = frozenset()) -> bool:
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in text)


def clean_body(value: Any) -> str:
    """A comment's text, trimmed, or a Dutch error: for readers' posts and for the author's edits and replies."""
    text = _text(value, "Schrijf je reactie.")
    if not text:
        raise refuse("Schrijf je reactie.")
    if len(text) > BODY_MAX:
        raise refuse(f"Je reactie mag hoogstens {BODY_MAX} tekens lang zijn (nu {len(text)}).")
    if has_controls(text, LINE_BREAKS):
        raise refuse("Je reactie bevat onzichtbare stuurtekens; haal die weg.")
    return text


RESERVED = "Deze naam is voorbehouden aan de auteur van de blog; kies een andere."


def clean_name(value: Any) -> str:
    """A reader's name, trimmed, or a Dutch error: one line of visible text that no output can misread."""
    text = _text(value, "Vul je naam in.")
    if not text:
        raise refuse("Vul je naam in.")
    if len(text) > AUTHOR_MAX:
        raise refuse(f"Je naam mag hoogstens {AUTHOR_MAX} tekens lang zijn.")
    if has_controls(text) or any(char in BIDI_CONTROLS for char in text):
        raise refuse("Je naam mag geen stuurtekens (zoals tabs, regeleinden of schrijfrichting) bevatten.")
    if ENCODED_WORD.search(text):
        raise refuse("Je naam mag de tekens \u201c=?\u201d niet zo bevatten; schrijf je naam gewoon uit.")
    return text


def clean_email(value: Any) -> str | None:
    """A reader's address, normalised, None when left empty, or a Dutch error: only addresses that mail as they are."""
    text = _text(value, "") if value is not None else ""
    if not text:
        return None
    if len(text) > EMAIL_MAX:
        raise refuse("Dit e-mailadres is te lang.")
    try:
        address = validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        address = None
    if address is None or ENCODED_WORD.search(address) or not _mailable(address):
        raise refuse("Dit e-mailadres klopt niet. Controleer het, of laat het veld leeg.")
    return address


def _mailable(address: str) -> bool:
    """Whether the mail library writes this address into a To header as it is, and reads the same one back."""
    try:
        message = EmailMessage()
        message["To"] = address
        message.as_bytes()
        return [found.addr_spec for found in message["To"].addresses] == [address]
    except Exception:  # noqa: BLE001 - any failure of the mail library means: not an address we can mail
        return False


def is_reserved(name: str, reserved_keys: frozenset[str]) -> bool:
    """A reserved name (the author's), also when spelled with look-alike letters (Unicode TR39 confusables)."""
    key = name_key(name)
    return key in reserved_keys or any(is_confusable(key, reserved) for reserved in reserved_keys)


def name_key(name: str) -> str:
    """A name folded for comparison: no case, accents, invisible characters or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(char for char in decomposed if unicodedata.category(char) not in {"Mn", "Cf"})
    return " ".join(kept.casefold().split())
