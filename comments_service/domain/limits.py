"""Every limit, once. The edge's checks, the Dutch messages, the templates of the service and the site (through
the MkDocs hook) and the OpenAPI document all read these; none writes the number again."""

from __future__ import annotations

import re
from datetime import timedelta

from comments_service.domain.dutch import duration

AUTHOR_MAX = 80  # characters in a name
BODY_MAX = 5000  # characters in a comment
EMAIL_MAX = 254  # characters in an address (RFC 5321)
ADMIN_NAME_MAX = 80  # characters in an admin's login name
IDEMPOTENCY_KEY_MAX = 100  # visible ASCII characters in an Idempotency-Key
MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL
PAGE_SIZE = 50  # top-level comments in one page of the conversation, unless the client asks fewer
PAGE_MAX = 100  # the most a client may ask for in one page
READER_PAGE = 20  # top-level comments the post shows at first (built in) and per "Meer reacties" (the widget)

MODERATION_LINK = timedelta(days=7)  # the approve/reject links in the author's mail
CONFIRM_LINK = timedelta(days=7)  # a reader's link to confirm an address
DATA_LINK = timedelta(hours=24)  # a reader's link to their data page

LOGIN_FAILURES = 5  # wrong passwords from one client for one account, within LOGIN_WINDOW, lock it
LOGIN_WINDOW = LOGIN_LOCKOUT = timedelta(minutes=15)

IDEMPOTENCY_KEEP = timedelta(hours=24)  # how long a retried post finds the comment its key stored

READER_KEY_MIN, READER_KEY_MAX = 22, 64  # base64url characters in a reader's endorsement key (22: 128 bits and more)
READER_KEY = re.compile(rf"[A-Za-z0-9_-]{{{READER_KEY_MIN},{READER_KEY_MAX}}}")
ENDORSEMENT_BURST = 20  # endorsements of one comment within ENDORSEMENT_BURST_WINDOW flag it for the author
ENDORSEMENT_BURST_WINDOW = timedelta(minutes=1)


def for_templates() -> dict[str, int | str]:
    """The limits as the templates of the service and the site show them: lengths as numbers (maxlength, the
    character counter), the links' lifetimes in Dutch words."""
    return {"author_max": AUTHOR_MAX, "body_max": BODY_MAX, "email_max": EMAIL_MAX, "reader_page": READER_PAGE,
            "moderation_link": duration(MODERATION_LINK), "confirm_link": duration(CONFIRM_LINK),
            "data_link": duration(DATA_LINK)}
