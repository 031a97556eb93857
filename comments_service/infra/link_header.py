"""Reading an RFC 8288 Link header, as the build and the snapshot follow the list's pages."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_NEXT = re.compile(r'<([^>]*)>\s*;\s*rel="next"')


def next_query(link: str) -> str | None:
    """The query string of a Link header's rel="next" target, if it has one."""
    found = _NEXT.search(link)
    return (urlsplit(found.group(1)).query or None) if found else None
