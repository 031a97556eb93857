"""The OpenAPI document covers every route, and generated requests never break the service or it."""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from comments_service.domain import advice
from comments_service.infra.database import db
from tests.support.apps import build_app, close, migrated
from tests.support.comments import store_raw

# Generated requests per operation and mode, the same ones every run (the operations without parameters
# have one possible request): 200 in `make test`, 1,000 in `make soak`.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]


def openapi_path(rule: str) -> str:
    return re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", r"{\1}", rule)


def test_every_api_route_is_documented(sqlite_app):
    document = sqlite_app.test_client().get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    for rule in sqlite_app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = document["paths"].get(openapi_path(rule.rule))
            assert path is not None, rule.rule
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert method.lower() in path, f"{method} {rule.rule}"


def _refs(node):
    if isinstance(node, dict):
        yield from ([node["$ref"]] if "$ref" in node else [])
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_every_reference_in_the_document_resolves(sqlite_app):
    """A $ref to nothing (the poll's schema was one) leaves its answers unchecked by the fuzz below."""
    document = sqlite_app.test_client().get("/api/openapi.json").get_json()
    unresolved = []
    for ref in set(_refs(document)):
        node = document
        for part in ref.removeprefix("#/").split("/"):
            node = node.get(part) if isinstance(node, dict) else None
        if not ref.startswith("#/") or node is None:
            unresolved.append(ref)
    assert unresolved == []


def test_thread_and_option_ids_come_from_the_front_matter(sqlite_app):
    document = sqlite_app.test_client().get("/api/openapi.json").get_json()
    assert document["components"]["parameters"]["Thread"]["schema"]["enum"] == ["leiden-of-lijden"]
    options = document["components"]["schemas"]["NewComment"]["properties"]["category"]["enum"]
    assert "voorbeeld" in options and None in options


@pytest.fixture(scope="module")
def fuzz_schema(tmp_path_factory):
    """The live document of an app on its own SQLite database, loaded by schemathesis."""
    app = build_app(migrated(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'comments.sqlite3'}"))
    with app.app_context():  # a published advice, so that its answer is checked against its schema too
        thread, now = app.extensions["threads"]["leiden-of-lijden"], datetime.now(timezone.utc)
        advice.set_text(thread, ["coachen"], "## Ons advies\n\nEerst vragen wat er speelt.", "test", now)
        advice.schedule(thread, "test", now)
        db.session.commit()
    store_raw(app, "coachen", 3)  # published answers (ids 1 to 3), so that endorsing them is tried too
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    close(app)


OPERATIONS = [
    ("GET", "/api/health"), ("GET", "/api/threads/{thread}/comments"), ("POST", "/api/threads/{thread}/comments"),
    ("GET", "/api/threads/{thread}/poll"), ("GET", "/api/threads/{thread}/comments.atom"), ("GET", "/api/threads/{thread}/reacties"),
    ("DELETE", "/api/comments/{comment_id}"), ("GET", "/api/openapi.json"), ("GET", "/api/threads/{thread}/advice"),
    ("POST", "/api/comments/{comment_id}/endorsements"), ("DELETE", "/api/comments/{comment_id}/endorsements"),
]


# Negative cases need something to break: the operations without parameters or a body have none.
CASES = [(method, path, mode) for method, path in OPERATIONS for mode in GenerationMode
         if mode == GenerationMode.POSITIVE or "{" in path]


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_generated_requests_conform(fuzz_schema, method, path, mode):
    operation = fuzz_schema[path][method]
    seen = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        seen.append(case.call_and_validate(checks=CHECKS).status_code)

    check()
    assert seen and all(status < 500 for status in seen)
    print(f"{method} {path} ({mode.value}): {len(seen)} cases, statuses {sorted(set(seen))}")
