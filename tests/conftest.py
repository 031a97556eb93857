"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from tests.support.site import mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site, built once per run with `mkdocs build --strict`."""
    dest = tmp_path_factory.mktemp("site")
    result = mkdocs_build(dest)
    assert result.returncode == 0, result.stderr
    return dest
