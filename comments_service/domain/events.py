"""What the domain announces, for the layers above to act on (mail, the site's rebuild) without the domain
calling them. Receivers run at once, in the announcing transaction: what they queue commits with it."""

from __future__ import annotations

from datetime import datetime

from blinker import Namespace

from comments_service.domain.versions import bump

_signals = Namespace()

# sender: the thread id; keyword arguments now, removes (True when something public went away)
public_changed = _signals.signal("public-changed")
# sender: the comment that just became public; keyword argument now
comment_published = _signals.signal("comment-published")
# sender: the thread whose advice was just published; keyword argument now
advice_published = _signals.signal("advice-published")


def public_change(thread: str, now: datetime, removes: bool) -> None:
    """What visitors of the thread see changed: cached answers get a new version; the receivers hear of it."""
    bump(thread)
    public_changed.send(thread, now=now, removes=removes)
