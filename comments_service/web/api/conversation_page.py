"""The conversation as plain pages, for readers without JavaScript: the built post shows the first page and
links here for the rest ("Meer reacties"), a page at a time, in either order and per poll option. The same
query as the JSON list (web/api/listing.py) and the comment markup the site uses (overrides/partials), with this
browser's endorsements pressed (its cookie key: web/api/endorsements.py), so the page is never shared by caches."""

from __future__ import annotations

from dataclasses import replace

from flask import render_template, request
from markupsafe import Markup

from comments_service.domain.dutch import moment
from comments_service.domain.endorsements import endorsed_by
from comments_service.domain.listing import SORTS, approved_page
from comments_service.domain.models import Comment
from comments_service.domain.threads import Thread
from comments_service.web.api import bp
from comments_service.web.api.endorsements import reader_of_request
from comments_service.web.api.listing import canonical, page_query
from comments_service.web.api.serialize import public_comment
from comments_service.web.api.threads import thread_or_404
from comments_service.web.errors import ApiError

SORT_WORDS = {"oldest": "Oudste eerst", "newest": "Nieuwste eerst", "endorsed": "Meeste lezers eens"}


@bp.get("/threads/<thread>/reacties")
def conversation_page(thread: str):
    """One page of the approved conversation as HTML, with links to the next page and to the other order."""
    try:
        found = thread_or_404(thread)
        query = page_query(request.args, found)
    except ApiError as error:  # a Dutch page, as the rest of this one: the reader came here by a link
        return render_template("reader/message.html", title="Reacties", message=error.message, post_url="/"), error.status
    back = f"{found.path}#reacties-lijst"
    page = approved_page(found.id, query)
    label = found.poll.short(query.category) if query.category else None
    orders = {sort: f"{request.path}?{canonical(replace(query, sort=sort, after=None))}" for sort in SORTS if sort != query.sort}
    following = f"{request.path}?{canonical(replace(query, after=page.next))}" if page.next else None
    reader = reader_of_request()
    mine = endorsed_by(reader, [comment.id for comment, _ in page.conversation]) if reader else set()
    comments = [_shown(comment, found, replies, page.endorsements.get(comment.id, 0)) | {"endorsed": comment.id in mine}
                for comment, replies in page.conversation]
    html = render_template("reader/conversation.html", title=f"Reacties op “{found.title}”", post_url=back,
                           comments=comments, total=page.total, label=label, sort_word=SORT_WORDS[query.sort],
                           orders={SORT_WORDS[sort]: url for sort, url in orders.items()}, following=following,
                           closed=found.poll.closed)
    return html, {"Cache-Control": "private, no-cache", "Vary": "Cookie"}


def _shown(comment: Comment, thread: Thread, replies: list[Comment] = (), endorsements: int = 0) -> dict:
    """A comment as the site's comment macro takes it: the public fields, the date written out, the HTML (sanitised
    when it was stored) as markup."""
    return public_comment(comment, thread, endorsements=endorsements) | {
        "date_text": moment(comment.created_at), "body_html": Markup(comment.body_html),
        "replies": [_shown(reply, thread) for reply in replies]}
