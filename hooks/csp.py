"""MkDocs hook: write the site's Content-Security-Policy, with a hash for each of Material's inline scripts.

Netlify reads site/_headers beside netlify.toml. Hashing the scripts of this very build allows exactly
what Material inlines (palette, base URL) and no other inline script, whatever the pages' depth or
site_url, so the policy never has to be updated by hand.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'"
)


def script_hashes(site_dir: Path) -> list[str]:
    """CSP source expressions for every executable inline script in the built HTML."""
    hashes: set[str] = set()
    for page in site_dir.rglob("*.html"):
        for attributes, body in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if "json" not in attributes:  # data blocks (application/json, application/ld+json) do not run
                digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
                hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def on_post_build(config):
    """Write site/_headers with the policy for every page."""
    site_dir = Path(config["site_dir"])
    policy = POLICY.format(hashes=" ".join(script_hashes(site_dir)))
    (site_dir / "_headers").write_text(f"/*\n  Content-Security-Policy: {policy}\n", encoding="utf-8")
