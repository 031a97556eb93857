"""A comment's log as the author reads it: in Dutch, options by their label, states by their word."""

from __future__ import annotations

from comments_service.domain.actions import STATE_WORDS
from comments_service.domain.models import Status
from comments_service.domain.threads import Thread

# A status change is logged under the new status's value; its word is the state's own, but for two that read as acts.
ACTION_WORDS = {status.value: STATE_WORDS[status] for status in Status} | {
    "spam": "als spam gemarkeerd", "pending": "terug naar wachtend", "recategorise": "aanpak gewijzigd",
    "edit": "tekst bewerkt", "author_reply": "antwoord van de auteur", "delete": "verwijderd", "erase": "gewist door de lezer",
    "withdraw": "ingetrokken door de lezer (de antwoorden blijven)", "reset_endorsements": "“lezers eens” gewist"}
FIELD_WORDS = {"status": "status", "category": "aanpak", "author": "naam", "is_author": "auteur", "endorsements": "lezers eens"}


def described(entry: dict, thread: Thread | None) -> dict:
    """The entry with its action in Dutch and its changes as (field, before, after) in words."""
    before, after = entry["before"], entry["after"]
    changes = []
    if before and after:
        for key, value in after.items():
            if key == "body" and before.get(key) != value:
                changes.append(("tekst", "…", "nieuwe tekst"))  # the texts themselves are on the card
            elif key in FIELD_WORDS and before.get(key) != value:
                changes.append((FIELD_WORDS[key], _word(key, before.get(key), thread), _word(key, value, thread)))
    return entry | {"words": ACTION_WORDS.get(entry["action"], entry["action"]), "changes": changes}


def _word(key: str, value, thread: Thread | None) -> str:
    if value is None:
        return "geen"
    if key == "status" and value in {status.value for status in Status}:
        return STATE_WORDS[Status(value)]
    if key == "category" and thread is not None and value in thread.poll.option_ids:
        return thread.poll.short(value)
    if key == "is_author":
        return "ja" if value else "nee"
    return str(value)
