"""The reader's pages behind the links in their mail, in Dutch, without an account: confirm an address,
unsubscribe (also RFC 8058 one-click), and the data page (ask for a link; then list, withdraw, unsubscribe).
A GET only shows; a POST acts (mail scanners open links)."""

from __future__ import annotations

from functools import partial

from flask import current_app, render_template, request
from pydantic_core import PydanticCustomError

from comments_service.domain import reader_data
from comments_service.domain.dutch import duration, plural
from comments_service.domain.fields import clean_email
from comments_service.domain.limits import CONFIRM_LINK, DATA_LINK
from comments_service.infra.background import run_later
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db
from comments_service.infra.ratelimit import limiter
from comments_service.mail import data_link
from comments_service.mail import reader as reader_mail
from comments_service.mail.links import InvalidLink, verify_address
from comments_service.web.api import bp

EXPIRED = {"confirm": f"Deze bevestigingslink is verlopen (na {duration(CONFIRM_LINK)}). Plaats je reactie opnieuw met het vinkje aan.",
           "data": f"Deze link is verlopen (na {duration(DATA_LINK)}). Vraag hieronder een nieuwe aan.", "unsubscribe": ""}
INVALID = "Deze link is ongeldig. Controleer of je hem helemaal hebt gekopieerd."


def _page(template: str, status: int = 200, **context):
    thread = next(iter(current_app.extensions["threads"].values()), None)
    return render_template(f"reader/{template}.html", post_url=thread.path if thread else "/", **context), status


def _address(token: str, purpose: str, max_age: int | None):
    """(address, None) for a valid link; (None, the Dutch refusal page) otherwise."""
    try:
        return verify_address(token, purpose, max_age), None
    except InvalidLink as exc:
        message = EXPIRED[purpose] if exc.expired else INVALID
        return None, _page("message", 410 if exc.expired else 400, title="Deze link werkt niet", message=message)


@bp.route("/mail/bevestigen/<token>", methods=["GET", "POST"])
def confirm_address(token: str):
    """Confirm the reader's address: from then on, and only then, notices may be sent to it."""
    address, refused = _address(token, "confirm", int(CONFIRM_LINK.total_seconds()))
    if refused:
        return refused
    if request.method == "POST":
        reader_mail.confirm(address, utcnow())
        db.session.commit()
        return _page("message", title="Je e-mailadres is bevestigd",
                     message="Je krijgt een bericht als je reactie online staat en als iemand erop reageert.")
    return _page("confirm", title="Bevestig je e-mailadres", address=address)


@bp.route("/mail/afmelden/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """Stop all notices to the address (a mail client's one-click POST does it without the page)."""
    address, refused = _address(token, "unsubscribe", None)
    if refused:
        return refused
    if request.method == "POST":
        reader_mail.unsubscribe(address, utcnow())
        db.session.commit()
        return _page("message", title="Je bent afgemeld", message="Je krijgt geen berichten meer over reacties.")
    return _page("unsubscribe", title="Afmelden voor berichten", address=address)


@bp.route("/mijn-gegevens", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_DATA_LINK"], methods=["POST"])
def data_request():
    """Ask for the signed link to one's data; the same answer whether or not the address has comments."""
    if request.method == "POST":
        try:
            address = clean_email(request.form.get("email"))
        except PydanticCustomError as exc:
            return _page("request", 400, title="Je reacties en gegevens", message=exc.message())
        if address is None:
            return _page("request", 400, title="Je reacties en gegevens", message="Vul het e-mailadres in dat je bij je reactie gaf.")
        # Looked up after the answer: its time says nothing about whether the address has comments.
        run_later(current_app._get_current_object(), partial(data_link.send_data_link, address, utcnow()))
        return _page("message", title="Kijk in je mail",
                     message=f"Als er reacties met dit e-mailadres zijn opgeslagen, krijg je zo een mail met een link ({duration(DATA_LINK)} geldig).")
    return _page("request", title="Je reacties en gegevens")


@bp.route("/mijn-gegevens/<token>", methods=["GET", "POST"])
def data_page(token: str):
    """Every comment stored with the address; withdraw one or all; unsubscribe."""
    address, refused = _address(token, "data", int(DATA_LINK.total_seconds()))
    if refused:
        return refused
    message, now, asking, erased = None, utcnow(), False, False
    if request.method == "POST":
        action = request.form.get("action")
        if action == "ask-withdraw-all":  # "Alles intrekken" asks first: the page answers with the question
            asking = True
        elif action == "unsubscribe":
            reader_mail.unsubscribe(address, now)
            message = "Je bent afgemeld: je krijgt geen berichten meer over reacties."
        elif action in {"withdraw", "withdraw-all"}:
            ids = None if action == "withdraw-all" else [int(v) for v in request.form.getlist("id") if v.isdigit() and len(v) < 10]
            count = reader_data.erase(address, ids, now)
            erased = count > 0
            message = f"{plural(count, 'reactie', 'reacties')} verwijderd, ook uit ons logboek."
        db.session.commit()
    comments = reader_data.comments_of(address)
    return _page("data", title="Je reacties en gegevens", message=message, address=address, comments=comments,
                 subscribed=reader_mail.may_receive(address), token=token, asking=asking and bool(comments), erased=erased,
                 threads=current_app.extensions["threads"])
