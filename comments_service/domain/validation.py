"""The edge: what a reader may send, checked once, with a Dutch message per field (the rules per field are
in fields.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from comments_service.domain.errors import InvalidInput
from comments_service.domain.fields import RESERVED, clean_body, clean_email, clean_name, is_reserved, refuse
from comments_service.domain.limits import MAX_ID
from comments_service.domain.poll import Poll


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
    notify_advice: Any = None  # likewise: the mail when the author's advice is published

    @field_validator("author", mode="before")
    @classmethod
    def _author(cls, value: Any, info: ValidationInfo) -> str:
        text = clean_name(value)
        if is_reserved(text, info.context["reserved_names"]):
            raise refuse(RESERVED)
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
            raise refuse("Kies de aanpak die het best bij je reactie past.")
        if is_reply:
            raise refuse("Een antwoord op een reactie kiest geen aanpak; laat die leeg.")
        if not isinstance(value, str) or value not in info.context["poll"].option_ids:
            raise refuse("Kies een van de aanpakken uit de lijst.")
        return value

    @field_validator("parent_id", mode="before")
    @classmethod
    def _parent_id(cls, value: Any) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= len(str(MAX_ID)):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
            raise refuse("Dit is geen bestaande reactie om op te antwoorden.")
        return value

    @field_validator("notify_replies", "notify_advice", mode="before")
    @classmethod
    def _notify(cls, value: Any, info: ValidationInfo) -> bool:
        if value is None or value is False or value in ("", "0", "false", "off"):
            return False
        if value is not True and value not in ("1", "true", "on"):
            raise refuse("Kies ja of nee.")
        if not info.data.get("email"):
            raise refuse("Vul je e-mailadres in: daar sturen we het bericht heen.")
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
    notify_advice: bool = False


def parse_comment(data: Any, poll: Poll, reserved_names: frozenset[str]) -> NewComment:
    """Validate a posted comment for one thread's poll; raise InvalidInput with Dutch field errors."""
    if not isinstance(data, dict):
        raise InvalidInput({}, "Stuur de reactie als een JSON-object met velden.")
    try:
        form = CommentForm.model_validate(data, context={"poll": poll, "reserved_names": reserved_names})
    except ValidationError as exc:
        raise InvalidInput({str(error["loc"][0]): error["msg"] for error in exc.errors()}) from None
    return NewComment(form.author, form.email, form.body, form.category, form.parent_id, form.website, form.notify_replies,
                      form.notify_advice)
