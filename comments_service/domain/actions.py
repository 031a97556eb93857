"""The moderation verbs, once: the CLI's commands, the admin's buttons, the author's mail links and their
signed tokens all read this table; and the word for each state, as the author reads it."""

from __future__ import annotations

from dataclasses import dataclass

from comments_service.domain.models import Status


@dataclass(frozen=True)
class Action:
    """A verb that moves a comment to a status."""

    verb: str  # in URLs, tokens and the CLI: approve
    status: Status
    button: str  # Dutch, on a button or link: Goedkeuren
    done: str  # Dutch, after it: "Reactie #12 goedgekeurd."


ACTIONS = {action.verb: action for action in (
    Action("approve", Status.APPROVED, "Goedkeuren", "goedgekeurd"),
    Action("reject", Status.REJECTED, "Afwijzen", "afgewezen"),
    Action("spam", Status.SPAM, "Spam", "als spam gemarkeerd"),
)}

# "de reactie is goedgekeurd", "wacht: 3"
STATE_WORDS = {Status.PENDING: "wacht", Status.APPROVED: "goedgekeurd", Status.REJECTED: "afgewezen", Status.SPAM: "spam"}
