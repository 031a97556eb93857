"""The list's query parameters (sort, category, cursor, limit): read strictly, refused in Dutch, and written back in
one canonical form, which both keys the read cache and makes the `next` link. The cursor is opaque to clients:
base64url of the page's sort, category and last position (with its endorsements, ordered by them); a cursor made for
another sort or option is refused.
`at=<id>` asks for the page that opens with that comment (with its comment, for a reply): a deep link's page."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from comments_service.domain.limits import MAX_ID, PAGE_MAX, PAGE_SIZE
from comments_service.domain.listing import SORTS, PageQuery, Position, starting_at
from comments_service.domain.threads import Thread
from comments_service.web.errors import ApiError

PARAMETERS = ("sort", "category", "cursor", "limit", "at")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICRO = timedelta(microseconds=1)
_MICROS_MAX = 10**17  # beyond year 5000: no stored time is near it


def page_query(args: MultiDict, thread: Thread) -> PageQuery:
    """The query the request asks for, or a 400 naming every parameter that is wrong."""
    fields: dict[str, str] = {name: f"Onbekende parameter. Mogelijk zijn: {', '.join(PARAMETERS)}."
                              for name in args if name not in PARAMETERS}
    for name in PARAMETERS:
        if len(args.getlist(name)) > 1:
            fields[name] = f"Geef '{name}' hoogstens één keer mee."
    sort = args.get("sort", SORTS[0])
    if sort not in SORTS:
        fields.setdefault("sort", "Kies als volgorde 'oldest' (oudste eerst), 'newest' (nieuwste eerst) of 'endorsed' "
                                  "(meeste lezers eens).")
    category = args.get("category") or None
    if category is not None and category not in thread.poll.option_ids:
        fields.setdefault("category", "Deze aanpak bestaat niet in de peiling van deze blog.")
    limit = _limit(args.get("limit"), fields)
    after = _position(args.get("cursor"), sort, category, fields)
    at = args.get("at")
    if at is not None and "cursor" in args:
        fields["at"] = "Vraag om een vervolgpagina of om de pagina bij één reactie, niet om allebei."
    elif at is not None and not (at.isascii() and at.isdigit() and len(at) <= 10 and 1 <= int(at) <= MAX_ID):
        fields["at"] = "Dit is geen nummer van een reactie."
    if fields:
        raise ApiError(400, "invalid_query", "De vraag om reacties klopt niet. Controleer de gemarkeerde onderdelen.", fields)
    if at is not None:
        after = starting_at(thread.id, int(at), sort)
        if after is None:
            raise ApiError(404, "comment_not_found", "Deze reactie bestaat niet (meer) of is nog niet gepubliceerd.")
    return PageQuery(sort, category, after, limit)


def canonical(query: PageQuery) -> str:
    """The query string for this query, defaults left out (so the first page of the default list is '')."""
    pairs = [("sort", query.sort) if query.sort != SORTS[0] else None,
             ("category", query.category) if query.category else None,
             ("cursor", _cursor(query.sort, query.category, query.after)) if query.after else None,
             ("limit", str(query.limit)) if query.limit != PAGE_SIZE else None]
    return urlencode([pair for pair in pairs if pair])


def _limit(text: str | None, fields: dict[str, str]) -> int:
    if text is None:
        return PAGE_SIZE
    if not (text.isascii() and text.isdigit() and len(text) <= 3 and 1 <= int(text) <= PAGE_MAX):
        fields.setdefault("limit", f"Vraag om 1 tot en met {PAGE_MAX} reacties per keer.")
        return PAGE_SIZE
    return int(text)


def _cursor(sort: str, category: str | None, position: Position) -> str:
    micros = (position.created_at - _EPOCH) // _MICRO
    endorsed = [position.endorsements] if sort == "endorsed" else []
    raw = json.dumps([sort, category, micros, position.id, *endorsed], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _position(text: str | None, sort: str, category: str | None, fields: dict[str, str]) -> Position | None:
    if text is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)) if text.isascii() and len(text) <= 200 else b""
        made_sort, made_category, micros, comment_id, *endorsed = json.loads(raw)
    except (binascii.Error, ValueError, TypeError):
        made_sort = micros = comment_id = None
        made_category, endorsed = "", []
    counted = endorsed == [] if made_sort != "endorsed" else (
        len(endorsed) == 1 and type(endorsed[0]) is int and 0 <= endorsed[0] <= MAX_ID)
    if not (type(micros) is int and 0 <= micros < _MICROS_MAX and type(comment_id) is int and 0 <= comment_id <= MAX_ID + 1
            and counted):
        fields["cursor"] = "Deze vervolgpagina bestaat niet. Begin opnieuw bij de eerste pagina."
        return None
    if (made_sort, made_category) != (sort, category):
        fields["cursor"] = "Deze vervolgpagina hoort bij een andere volgorde of aanpak. Begin opnieuw bij de eerste pagina."
        return None
    return Position(_EPOCH + micros * _MICRO, comment_id, *endorsed)


