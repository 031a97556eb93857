"""The OpenAPI document, kept as YAML beside the code, completed from the posts' front matter."""

from __future__ import annotations

from pathlib import Path

import yaml

from comments_service.domain.threads import Thread

DOCUMENT = Path(__file__).with_name("openapi.yaml")


def load_openapi(threads: dict[str, Thread]) -> dict:
    """The document as a dict, with the thread ids and option ids that the posts declare."""
    document = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    components = document["components"]
    components["parameters"]["Thread"]["schema"]["enum"] = sorted(threads)
    options = sorted({option for thread in threads.values() for option in thread.poll.option_ids})
    components["schemas"]["NewComment"]["properties"]["category"]["enum"] = [*options, None]
    return document
