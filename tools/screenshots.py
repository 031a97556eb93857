"""README screenshots of the real post page: light, dark and a 375 px phone, with a seeded conversation; and the
author's advice before (scheduled) and after its publication.

Usage: .venv/bin/python tools/screenshots.py   (after `make build`; writes screenshots/*.png)
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import logging  # noqa: E402

from flask_migrate import upgrade  # noqa: E402

from comments_service import create_app  # noqa: E402
from comments_service.domain import advice  # noqa: E402
from comments_service.domain.models import Status  # noqa: E402
from comments_service.domain.moderation import set_status  # noqa: E402
from comments_service.infra.database import db  # noqa: E402
from tests.support.browser import chromium  # noqa: E402
from tests.support.live import live_server  # noqa: E402

CONVERSATION = [
    ("Marieke", "coachen", "Eerst een-op-een vragen wat er *echt* speelt. Vaak is het geen onwil maar angst om af te gaan."),
    ("Joost", "voorbeeld", "Zelf de eerste drie telefoontjes doen, met het team erbij. Dan zien ze dat het meevalt."),
    ("Fatima", "klein-beginnen", "Eén belletje per dag, en op vrijdag samen vieren wat het opleverde."),
    ("Ruud", "coachen", "Coachen, maar wel met een datum erbij. Anders blijft het praten."),
    ("Els", "afspraken", "Heldere afspraak: twee gesprekken per week, en in het werkoverleg laat iedereen zien wat hij deed."),
]
SHOTS = [  # name, colour scheme, viewport, where on the page
    ("post-light.png", "light", 1280, 900, "#__comments"),
    ("post-dark.png", "dark", 1280, 900, "#reacties-lijst"),
    ("post-phone.png", "light", 375, 812, "#__comments"),
]


def seed(app) -> None:
    """Post the conversation through the API and approve it, as readers and the author would; other readers endorse."""
    client = app.test_client()
    ids = [client.post("/api/threads/leiden-of-lijden/comments",
                       json={"author": name, "category": option, "body": body}).get_json()["id"]
           for name, option, body in CONVERSATION]
    reply = client.post("/api/threads/leiden-of-lijden/comments", json={"author": "Joost", "parent_id": ids[0], "body": "Herkenbaar!"})
    assert reply.status_code == 400  # a reply needs an approved parent: approve first
    with app.app_context():
        set_status(ids, Status.APPROVED, datetime.now(timezone.utc) - timedelta(days=2))
        db.session.commit()
    reply = client.post("/api/threads/leiden-of-lijden/comments", json={"author": "Joost", "parent_id": ids[0], "body": "Herkenbaar!"})
    for answer, readers in zip(ids, (7, 3, 0, 2, 1), strict=True):  # readers who would do the same
        for number in range(readers):
            client.post(f"/api/comments/{answer}/endorsements", json={"reader": f"lezer{answer:04d}{number:020d}"})
    with app.app_context():
        set_status([reply.get_json()["id"]], Status.APPROVED, datetime.now(timezone.utc))
        db.session.commit()


ADVICE = ("## Eerst vragen, dan samen bellen\n\nVraag ieder teamlid apart wat het bellen tegenhoudt. Vaak is het "
          "geen onwil maar **onzekerheid**. Spreek daarna een vast belmoment af en bel de eerste keer samen.")


def advise(app, step: str) -> None:
    """Write and schedule the advice (after 50 answers), or publish it now."""
    with app.app_context():
        thread, now = app.extensions["threads"]["leiden-of-lijden"], datetime.now(timezone.utc)
        if step == "schedule":
            advice.set_text(thread, ["coachen", "voorbeeld"], ADVICE, "redactie", now)
            advice.schedule(thread, "redactie", now, after=50)
        else:
            advice.withdraw(thread, "redactie", now)
            advice.schedule(thread, "redactie", now)
        db.session.commit()


def main() -> None:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3", "RATELIMIT_ENABLED": False,
                          "SECRET_KEY": "screenshots", "SITE_DIR": str(ROOT / "site")})
        with app.app_context():
            upgrade()
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        seed(app)
        with live_server(app) as base, chromium() as browser:
            for name, scheme, width, height, anchor in SHOTS:
                page = browser.new_page(color_scheme=scheme, viewport={"width": width, "height": height})
                page.goto(base + "/blog/leiden-of-lijden/", wait_until="networkidle")
                page.locator("#reactie-1").wait_for()
                page.locator(anchor).scroll_into_view_if_needed()
                page.evaluate("anchor => document.querySelector(anchor).scrollIntoView()", anchor)
                page.screenshot(path=out / name)
                print(out / name)
            for name, step in (("advice-before.png", "schedule"), ("advice-after.png", "publish")):
                advise(app, step)
                page = browser.new_page(viewport={"width": 1280, "height": 1100})
                page.goto(base + "/blog/leiden-of-lijden/", wait_until="networkidle")
                page.locator("#reactie-1").wait_for()
                page.evaluate("() => window.scrollTo(0, document.querySelector('#peiling-vraag').offsetTop - 70)")
                page.screenshot(path=out / name)
                print(out / name)
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
