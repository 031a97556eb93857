"""A long conversation: for N approved comments (10, 200, 2,000 and 10,000, a reply on every fifth), the list
API's first page under wrk (p50, p99, bytes, bytes per comment now and in the old shape with the Markdown source),
the built post's HTML bytes, and Chromium's load at 375 px (to `load`, to the widget's first render, DOM nodes).

Usage: python bench/long_conversation.py [N ...]   (prints a Markdown table; not part of `make test`)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402

from bench.load import wrk  # noqa: E402
from bench.seed import OPTIONS, texts  # noqa: E402
from bench.services import ROOT, start  # noqa: E402
from comments_service import create_app  # noqa: E402
from comments_service.domain.models import Comment, Status  # noqa: E402
from comments_service.domain.rendering import render  # noqa: E402
from comments_service.domain.versions import bump  # noqa: E402
from comments_service.infra.database import db  # noqa: E402
from tests.support.browser import chromium  # noqa: E402

SIZES = (10, 200, 2000, 10000)
THREAD = "leiden-of-lijden"
PORT = 8097
START = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)


def seed(database_url: str, count: int) -> None:
    """count approved comments of about 300 characters, a minute apart; a reply under every fifth."""
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "bench", "SERVE_SITE": False})
    bodies = texts()
    with app.app_context():
        upgrade()
        comments = [Comment(thread=THREAD, author=f"Lezer {n}", body=bodies[n % len(bodies)],
                            body_html=render(bodies[n % len(bodies)]), category=OPTIONS[n % len(OPTIONS)],
                            status=Status.APPROVED, created_at=START + timedelta(minutes=n), updated_at=START)
                    for n in range(count)]
        db.session.add_all(comments)
        db.session.flush()
        db.session.add_all(Comment(thread=THREAD, parent_id=parent.id, author="Antwoord", body="Eens, goed idee.",
                                   body_html=render("Eens, goed idee."), status=Status.APPROVED,
                                   created_at=parent.created_at + timedelta(seconds=30), updated_at=START)
                           for parent in comments[::5])
        bump(THREAD)
        db.session.commit()
        db.engine.dispose()


def serve(database_url: str, site: Path, log: Path):
    env = {"PORT": str(PORT), "DATABASE_URL": database_url, "COMMENTS_SECRET_KEY": "bench-" + "x" * 40,
           "COMMENTS_RATELIMIT_ENABLED": "false", "COMMENTS_SERVE_SITE": "true", "COMMENTS_SITE_DIR": str(site)}
    return start([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], env, log,
                 f"http://127.0.0.1:{PORT}/api/health")


def first_page(base: str, database_url: str) -> dict:
    with urllib.request.urlopen(f"{base}/api/threads/{THREAD}/comments") as response:
        body = response.read()
    page = json.loads(body)
    shown = len(page) + sum(len(comment["replies"]) for comment in page)
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "bench", "SERVE_SITE": False})
    with app.app_context():  # the old shape: every comment also carried its Markdown source
        source = {row.id: row.body for row in db.session.scalars(db.select(Comment))}
        db.engine.dispose()

    def old(comment: dict) -> dict:
        return {**comment, "body": source[comment["id"]], "replies": [old(reply) for reply in comment["replies"]]}
    old_bytes = len(json.dumps([old(c) for c in page], ensure_ascii=True, separators=(",", ":")).encode())
    return {"bytes": len(body), "per_comment": len(body) / max(shown, 1), "old_per_comment": old_bytes / max(shown, 1)}


def browser_load(base: str) -> dict:
    with chromium() as browser:
        figures = []
        for _ in range(3):
            page = browser.new_context(viewport={"width": 375, "height": 740}).new_page()
            page.goto(f"{base}/blog/{THREAD}/", wait_until="load")
            page.wait_for_function("performance.getEntriesByName('comments-rendered').length > 0", timeout=60000)
            figures.append(page.evaluate("""() => ({
                load: performance.getEntriesByType('navigation')[0].loadEventEnd,
                rendered: performance.getEntriesByName('comments-rendered')[0].startTime,
                nodes: document.getElementsByTagName('*').length})"""))
            page.context.close()
    middle = sorted(figures, key=lambda f: f["load"])[1]
    return middle


def measure(count: int, work: Path) -> dict:
    database_url = f"sqlite:///{work / f'comments-{count}.sqlite3'}"
    seed(database_url, count)
    site = work / f"site-{count}"
    site.mkdir()
    server = serve(database_url, site, work / f"gunicorn-{count}.log")
    try:
        base = f"http://127.0.0.1:{PORT}"
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=ROOT,
                               env={**os.environ, "COMMENTS_API_URL": base}, capture_output=True, text=True)
        if build.returncode != 0:
            raise RuntimeError(build.stderr)
        html = (site / "blog" / THREAD / "index.html").stat().st_size
        api = wrk(f"{base}/api/threads/{THREAD}/comments", 5)
        return {"n": count, **api, **first_page(base, database_url), "html": html, **browser_load(base)}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(sizes: tuple[int, ...]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = [measure(count, Path(folder)) for count in sizes]
    print("| N | API first page p50 / p99 | first page bytes | bytes per comment (old shape) | post HTML | load / widget rendered at 375 px | DOM nodes |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['n']:,} | {row['p50_ms']:.1f} / {row['p99_ms']:.1f} ms | {row['bytes']:,} | "
              f"{row['per_comment']:.0f} ({row['old_per_comment']:.0f}) | {row['html']:,} | "
              f"{row['load']:.0f} / {row['rendered']:.0f} ms | {row['nodes']:,} |")
    low, high = rows[0], rows[-1]
    print(f"growth {low['n']:,} -> {high['n']:,}: load x{high['load'] / low['load']:.2f} (goal <= 1.5), "
          f"HTML bytes x{high['html'] / low['html']:.2f} (goal <= 2), API p99 x{high['p99_ms'] / low['p99_ms']:.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main(tuple(int(arg) for arg in sys.argv[1:]) or SIZES)
