"""The edge: what a reader may send, checked once, with a Dutch message per field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import unicodedata2 as unicodedata  # the latest Unicode, whatever the interpreter's version
from confusables import is_confusable
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from comments_service.domain.errors import InvalidInput
from comments_service.domain.limits import AUTHOR_MAX, BODY_MAX, EMAIL_MAX, MAX_ID
from comments_service.domain.poll import Poll

LINE_BREAKS = frozenset("\n\r\t")
# An RFC 2047 encoded word: a mail library may decode it into anything, CR/LF included.
ENCODED_WORD = re.compile(r"=\?[^?]*\?[bq]\?", re.IGNORECASE)
# Bidirectional controls: in a name they reorder the text around it (the admin list, a mail).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _error(message: str) -> PydanticCustomError:
    return PydanticCustomError("invalid", message)


def _text(value: Any, missing: str) -> str:
    """A trimmed string with no lone surrogates, or a Dutch error."""
    if value is None:
        raise _error(missing)
    if not isinstance(value, str):
        raise _error("Vul hier tekst in.")
    # Surrogates, non-characters (U+FFFE...) and unassigned code points: no output (XML, mail) takes them all.
    if any(unicodedata.category(char) in {"Cs", "Cn"} for char in value):
        raise _error("Dit veld bevat ongeldige tekens.")
    return value.strip()


def has_controls(text: str, allowed: frozenset[str] = frozenset()) -> bool:
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in text)


def clean_body(value: Any) -> str:
    """A comment's text, trimmed, or a Dutch error: for readers' posts and for the author's edits and replies."""
    text = _text(value, "Schrijf je reactie.")
    if not text:
        raise _error("Schrijf je reactie.")
    if len(text) > BODY_MAX:
        raise _error(f"Je reactie mag hoogstens {BODY_MAX} tekens lang zijn (nu {len(text)}).")
    if has_controls(text, LINE_BREAKS):
        raise _error("Je reactie bevat onzichtbare stuurtekens; haal die weg.")
    return text


RESERVED = "Deze naam is voorbehouden aan de auteur van de blog; kies een andere."


def clean_name(value: Any) -> str:
    """A reader's name, trimmed, or a Dutch error: one line of visible text that no output can misread."""
    text = _text(value, "Vul je naam in.")
    if not text:
        raise _error("Vul je naam in.")
    if len(text) > AUTHOR_MAX:
        raise _error(f"Je naam mag hoogstens {AUTHOR_MAX} tekens lang zijn.")
    if has_controls(text) or any(char in BIDI_CONTROLS for char in text):
        raise _error("Je naam mag geen stuurtekens (zoals tabs, regeleinden of schrijfrichting) bevatten.")
    if ENCODED_WORD.search(text):
        raise _error("Je naam mag de tekens \u201c=?\u201d niet zo bevatten; schrijf je naam gewoon uit.")
    return text


def clean_email(value: Any) -> str | None:
    """A reader's address, normalised, None when left empty, or a Dutch error: only addresses that mail as they are."""
    text = _text(value, "") if value is not None else ""
    if not text:
        return None
    if len(text) > EMAIL_MAX:
        raise _error("Dit e-mailadres is te lang.")
    try:
        address = validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        address = None
    if address is None or ENCODED_WORD.search(address) or not _mailable(address):
        raise _error("Dit e-mailadres klopt niet. Controleer het, of laat het veld leeg.")
    return address


class CommentForm(BaseModel):
    """The fields of a new comment or reply, as JSON or as a form."""

    model_config = ConfigDict(extra="ignore", validate_default=True)

    author: Any = None
    email: Any = None
    body: Any = None
    parent_id: Any = None  # before category: the category check needs to know if this is a reply
    category: Any = None
    website: Any = None  # the honeypot: hidden from people, filled in by bots
    notify_replies: Any = None  # after email: a notice needs an address

    @field_validator("author", mode="before")
    @classmethod
    def _author(cls, value: Any, info: ValidationInfo) -> str:
        text = clean_name(value)
        if is_reserved(text, info.context["reserved_names"]):
            raise _error(RESERVED)
        return text

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: Any) -> str | None:
        return clean_email(value)

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: Any) -> str:
        return clean_body(value)

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any, info: ValidationInfo) -> str | None:
        if "parent_id" not in info.data:
            return None  # the parent id is invalid: whether a category is needed is unknown
        is_reply = info.data["parent_id"] is not None
        if value is None or value == "":
            if is_reply:
                return None
            raise _error("Kies de aanpak die het best bij je reactie past.")
        if is_reply:
            raise _error("Een antwoord op een reactie kiest geen aanpak; laat die leeg.")
        if not isinstance(value, str) or value not in info.context["poll"].option_ids:
            raise _error("Kies een van de aanpakken uit de lijst.")
        return value

    @field_validator("parent_id", mode="before")
    @classmethod
    def _parent_id(cls, value: Any) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= len(str(MAX_ID)):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
            raise _error("Dit is geen bestaande reactie om op te antwoorden.")
        return value

    @field_validator("notify_replies", mode="before")
    @classmethod
    def _notify_replies(cls, value: Any, info: ValidationInfo) -> bool:
        if value is None or value is False or value in ("", "0", "false", "off"):
            return False
        if value is not True and value not in ("1", "true", "on"):
            raise _error("Kies ja of nee.")
        if not info.data.get("email"):
            raise _error("Vul je e-mailadres in om een bericht te krijgen als iemand reageert.")
        return True

    @field_validator("website", mode="before")
    @classmethod
    def _honeypot(cls, value: Any) -> bool:
        return bool(value)


@dataclass(frozen=True)
class NewComment:
    """A comment that passed the edge: typed, trimmed, its category checked against the poll."""

    author: str
    email: str | None
    body: str
    category: str | None
    parent_id: int | None
    is_bot: bool
    notify_replies: bool = False


def parse_comment(data: Any, poll: Poll, reserved_names: frozenset[str]) -> NewComment:
    """Validate a posted comment for one thread's poll; raise InvalidInput with Dutch field errors."""
    if not isinstance(data, dict):
        raise InvalidInput({}, "Stuur de reactie als een JSON-object met velden.")
    try:
        form = CommentForm.model_validate(data, context={"poll": poll, "reserved_names": reserved_names})
    except ValidationError as exc:
        raise InvalidInput({str(error["loc"][0]): error["msg"] for error in exc.errors()}) from None
    return NewComment(form.author, form.email, form.body, form.category, form.parent_id, form.website, form.notify_replies)


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
