"""The widget's size as a browser gets it: every JavaScript module and the stylesheet, gzipped.

Usage: python bench/widget_size.py"""

from __future__ import annotations

import gzip
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[1] / "docs" / "assets"
BUDGET = 16 * 1024  # 8 KiB, then 10 with pages (paging, order, filter), then 12 with visible focus, a withdrawal that
# asks first, the focus kept after each action and the empty state, then 14 with the author's advice, then 16 with the
# readers' endorsements (the button, its key and the order by most endorsed)


def widget_files() -> list[Path]:
    """comments.js, its modules and comments.css."""
    scripts = ASSETS / "javascripts"
    return [scripts / "comments.js", *sorted((scripts / "comments").glob("*.js")), ASSETS / "stylesheets" / "comments.css"]


def gzipped_sizes() -> dict[str, int]:
    """Each file's size after gzip -9."""
    return {file.name: len(gzip.compress(file.read_bytes(), 9)) for file in widget_files()}


if __name__ == "__main__":
    sizes = gzipped_sizes()
    print(f"widget, gzipped: {sum(sizes.values()):,} bytes (budget {BUDGET:,}; Isso's client: about 22 KB) {sizes}")
