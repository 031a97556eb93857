"""A docs folder of its own for a test: one post whose poll is closed."""

from __future__ import annotations

from pathlib import Path


def closed_poll_docs(tmp_path: Path) -> Path:
    """docs/ with one post, slug "dicht", whose poll (options ja, nee) is closed."""
    docs = tmp_path / "docs"
    (docs / "blog").mkdir(parents=True)
    (docs / "blog" / "post.md").write_text(
        "---\nslug: dicht\ncomments: true\npoll:\n  question: Vraag?\n  closed: true\n  options:\n"
        "    - {id: ja, label: Ja}\n    - {id: nee, label: Nee}\n---\n# Dicht\n", encoding="utf-8")
    return docs
