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


ACTIONS = {action.verb: action for action in (
    Action("approve", Status.APPROVED, "Goedkeuren"),
    Action("reject", Status.REJECTED, "Afwijzen"),
    Action("spam", Status.SPAM, "Spam"),
)}

# "de reactie is goedgekeurd", "wacht: 3"
STATE_WORDS = {Status.PENDING: "wacht", Status.APPROVED: "goedgekeurd", Status.REJECTED: "afgewezen", Status.SPAM: "spam"}
