"""Bytes a browser loads for the post page, raw and gzipped, measured in Chromium.

Usage: python bench/page_weight.py [SITE_DIR]   (build the site first: make build)
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.browser import chromium  # noqa: E402
from tests.support.site import serve_folder  # noqa: E402

POST = "/blog/leiden-of-lijden/"


def main(site: Path) -> None:
    rows = []
    with serve_folder(site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(base + POST, wait_until="networkidle")
        for response in responses:
            body = response.body()
            rows.append((response.url.removeprefix(base), len(body), len(gzip.compress(body, 6))))
    width = max(len(url) for url, _, _ in rows)
    for url, raw, packed in rows:
        print(f"{url:<{width}}  {raw:>9,}  {packed:>9,}")
    print(f"{'total (' + str(len(rows)) + ' requests)':<{width}}  {sum(r for _, r, _ in rows):>9,}  "
          f"{sum(p for _, _, p in rows):>9,}  bytes raw / gzipped")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("site"))
