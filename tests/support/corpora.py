"""The shared test corpora: the big list of naughty strings and the XSS payload lists."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.support.site import ROOT

SHARED = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"


def blns() -> list[str]:
    """The 515 strings of blns.json."""
    return json.loads((CORPORA / "blns" / "blns.json").read_text(encoding="utf-8"))


def xss_payloads() -> list[str]:
    """Every distinct non-empty line of the PayloadsAllTheThings XSS lists (2,245)."""
    lines: dict[str, None] = {}
    for path in sorted((CORPORA / "payloadsallthethings-xss").glob("*.txt")):
        for line in path.read_bytes().decode("utf-8").split("\n"):
            if line.strip():
                lines.setdefault(line, None)
    return list(lines)


def identifiable_xss() -> list[str]:
    """The payloads that call alert() in a way a dialog hook can see, one per line."""
    path = CORPORA / "payloadsallthethings-xss" / "xss_alert_identifiable.txt"
    return [line for line in path.read_bytes().decode("utf-8").split("\n") if line.strip()]
