"""The package's folders are its layers: the import contract in pyproject.toml holds, and every refusal
the domain can raise travels with an HTTP status."""

from __future__ import annotations

import re

from importlinter.cli import lint_imports

from comments_service.web.errors import DOMAIN_STATUS
from tests.support.site import ROOT


def test_no_module_imports_from_a_layer_above_its_own(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    kept = lint_imports(no_cache=True, no_logo=True) == 0
    report = capsys.readouterr().out  # not a figure: shown only when the contract is broken
    assert kept, report


def test_every_refusal_of_the_domain_has_an_http_status():
    source = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "comments_service" / "domain").glob("*.py"))
    raised = set(re.findall(r'DomainError\(\s*"(\w+)"', source)) | {"invalid_input"}
    assert raised == set(DOMAIN_STATUS)
