"""The OpenAPI document, kept as YAML beside the code, completed from the posts' front matter and the limits."""

from __future__ import annotations

from pathlib import Path

import yaml

from comments_service.domain.limits import AUTHOR_MAX, BODY_MAX, EMAIL_MAX, MAX_ID, PAGE_MAX, READER_KEY
from comments_service.domain.threads import Thread

DOCUMENT = Path(__file__).with_name("openapi.yaml")


def load_openapi(threads: dict[str, Thread]) -> dict:
    """The document as a dict, with the thread ids and option ids that the posts declare and the limits."""
    document = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    components = document["components"]
    components["parameters"]["Thread"]["schema"]["enum"] = sorted(threads)
    options = sorted({option for thread in threads.values() for option in thread.poll.option_ids})
    fields = components["schemas"]["NewComment"]["properties"]
    fields["category"]["enum"] = [*options, None]
    for name, most in (("author", AUTHOR_MAX), ("email", EMAIL_MAX), ("body", BODY_MAX)):
        fields[name]["maxLength"] = most
    fields["parent_id"]["maximum"] = MAX_ID
    for parameter in document["paths"]["/api/comments/{comment_id}"]["delete"]["parameters"]:
        parameter["schema"]["maximum"] = MAX_ID
    for parameter in document["paths"]["/api/comments/{comment_id}/endorsements"]["parameters"]:
        parameter["schema"]["maximum"] = MAX_ID
    components["schemas"]["ReaderKey"]["properties"]["reader"]["pattern"] = f"^{READER_KEY.pattern}$"
    components["parameters"]["Category"]["schema"]["enum"] = options
    components["parameters"]["Limit"]["schema"]["maximum"] = PAGE_MAX
    components["parameters"]["At"]["schema"]["maximum"] = MAX_ID
    return document
