"""Comment threads, read from the posts' front matter: the post's slug is the thread id."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from comments_service.domain.poll import Poll, PollError, parse_poll

_HEADING = re.compile(r"^# +(.+?) *#*$", re.MULTILINE)


@dataclass(frozen=True)
class Thread:
    """A post that takes comments: its id (the slug), poll, public path and title."""

    id: str
    poll: Poll
    path: str
    title: str = ""


def load_threads(docs_dir: Path, path_format: str = "/blog/{slug}/") -> dict[str, Thread]:
    """Every post under docs_dir with `comments: true`, keyed by slug; a bad poll raises PollError."""
    threads: dict[str, Thread] = {}
    for source in sorted(docs_dir.rglob("*.md")):
        post = frontmatter.load(source)  # a front matter that is not a mapping is none, as MkDocs reads it too
        meta = post.metadata
        if not meta.get("comments"):
            continue
        name = source.relative_to(docs_dir).as_posix()
        slug = meta.get("slug")
        if not isinstance(slug, str) or not slug:
            raise PollError(f"{name}: a post with 'comments: true' needs a 'slug'")
        if slug in threads:
            raise PollError(f"{name}: slug {slug!r} is used by another post too")
        threads[slug] = Thread(slug, parse_poll(meta.get("poll"), name), path_format.format(slug=slug),
                               str(meta.get("title") or _first_heading(post.content) or slug))
    return threads


def _first_heading(markdown: str) -> str | None:
    match = _HEADING.search(markdown)
    return match.group(1).strip() if match else None


def author_names(authors_file: Path, display: bool = False) -> list[str]:
    """The blog's author names and ids from .authors.yml (readers may not post under them); display: names only."""
    if not authors_file.is_file():
        return []
    authors = (yaml.safe_load(authors_file.read_text(encoding="utf-8")) or {}).get("authors") or {}
    if display:
        return [str(entry["name"]) for entry in authors.values() if (entry or {}).get("name")]
    return [str(value) for key, entry in authors.items() for value in (key, (entry or {}).get("name")) if value]
