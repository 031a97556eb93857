"""What a production start refuses: each problem is one line that says what to set."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

ENVIRONMENTS = ("development", "production")
MIN_SECRET_BYTES = 32


class ProductionConfigError(RuntimeError):
    """COMMENTS_ENV=production with a configuration that must not serve; one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def problems(config: Mapping, workers: int | None = None) -> list[str]:
    """The production problems in this configuration; `workers` when the server's count is known."""
    found = []
    if len(str(config.get("SECRET_KEY") or "").encode()) < MIN_SECRET_BYTES:
        found.append(f"COMMENTS_ENV=production needs COMMENTS_SECRET_KEY of at least {MIN_SECRET_BYTES} bytes: set it "
                     "to a long random string (python -c 'import secrets; print(secrets.token_urlsafe(48))')")
    public = urlsplit(str(config.get("PUBLIC_URL") or ""))
    https = public.scheme.lower() == "https" and bool(public.hostname)
    if not https:
        found.append("COMMENTS_ENV=production needs COMMENTS_PUBLIC_URL: the site's https:// address, as readers "
                     "reach it (links in mail point there)")
    elif config.get("SESSION_COOKIE_SECURE") is not True:  # (an http address already made it false)
        found.append("COMMENTS_ENV=production sends the admin's cookie only over https: leave "
                     "COMMENTS_SESSION_COOKIE_SECURE unset or set it to true")
    if config.get("WTF_CSRF_ENABLED", True) is not True:
        found.append("COMMENTS_ENV=production needs CSRF protection: leave COMMENTS_WTF_CSRF_ENABLED unset or true")
    if config.get("DEBUG"):
        found.append("COMMENTS_ENV=production must not run with debug on: unset FLASK_DEBUG and COMMENTS_DEBUG")
    if config.get("TRUSTED_PROXIES") is None:
        found.append("COMMENTS_ENV=production needs COMMENTS_TRUSTED_PROXIES: the number of proxies in front of "
                     "the service (1 behind Netlify's /api proxy, 0 when clients connect directly)")
    shared = not str(config.get("RATELIMIT_STORAGE_URI") or "memory://").strip().lower().startswith("memory://")
    if workers and workers > 1 and config.get("RATELIMIT_ENABLED") and not shared:
        found.append(f"rate limits in memory:// count per worker and there are {workers} workers: set "
                     "COMMENTS_RATELIMIT_STORAGE_URI=redis://HOST:6379 (or WEB_CONCURRENCY=1)")
    return found


def environment(value: object) -> str:
    """COMMENTS_ENV as one of ENVIRONMENTS, whatever its case; ProductionConfigError for any other value."""
    name = str(value).strip().lower()
    if name not in ENVIRONMENTS:
        raise ProductionConfigError([f"COMMENTS_ENV must be development or production, not {value!r}"])
    return name
