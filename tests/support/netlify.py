"""The real Netlify CLI (pinned in tests/node), run offline against a copy of the project."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from tests.support.ports import free_port
from tests.support.site import ROOT

CLI_DIR = ROOT / "tests" / "node"
NETLIFY = CLI_DIR / "node_modules" / ".bin" / "netlify"
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "comments_service", "Makefile", "pyproject.toml", "netlify.toml")


def parsed_rules(config: Path, *paths: str) -> dict:
    """The redirects and headers Netlify's own parsers keep, their errors, and the headers per path."""
    result = subprocess.run(
        ["node", str(CLI_DIR / "rules.mjs"), str(config), *paths],
        capture_output=True, text=True, check=True, timeout=60,
    )
    return json.loads(result.stdout)


def copy_project(dest: Path, service_url: str) -> Path:
    """Copy what Netlify builds into dest, proxying the service to service_url; reuse the venv."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    toml = dest / "netlify.toml"
    production_url = production_service_url()
    toml.write_text(toml.read_text(encoding="utf-8").replace(production_url, service_url), encoding="utf-8")
    return dest


def production_service_url() -> str:
    """The service origin that netlify.toml proxies to."""
    redirects = parsed_rules(ROOT / "netlify.toml")["redirects"]
    return redirects[0]["to"].split("/api/")[0]


def _env(home: Path) -> dict:
    return {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "NETLIFY_TELEMETRY_DISABLED": "1", "CI": "true"}


def netlify_build(project: Path) -> subprocess.CompletedProcess:
    """`netlify build --offline` in project."""
    return subprocess.run(
        [str(NETLIFY), "build", "--offline"], cwd=project, env=_env(project / ".home"),
        capture_output=True, text=True, timeout=600,
    )


@contextmanager
def netlify_serve(project: Path):
    """`netlify serve --offline` in project; yield (base URL, log path) once it is ready."""
    port = free_port()
    log = project / "netlify-serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(NETLIFY), "serve", "--offline", "--internal-disable-edge-functions", "--port", str(port)],
            cwd=project, env=_env(project / ".home"), stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 180
        while "Local dev server ready" not in log.read_text(errors="replace"):
            assert process.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 15)
        process.wait(timeout=30)
