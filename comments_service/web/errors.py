"""One error envelope for every failure, with a Dutch message; HTML for the no-JavaScript form."""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, request
from flask_limiter.errors import RateLimitExceeded
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from comments_service.domain.errors import DomainError
from comments_service.domain.limits import BODY_MAX
from comments_service.infra.ratelimit import retry_after_seconds

FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
MESSAGES = {
    400: ("bad_request", "Het verzoek kon niet worden gelezen."),
    403: ("forbidden", "Dit is niet toegestaan."),
    404: ("not_found", "Deze pagina of reactie bestaat niet."),
    405: ("method_not_allowed", "Deze actie is hier niet mogelijk."),
    413: ("payload_too_large", f"Je bericht is te groot. Een reactie mag hoogstens {BODY_MAX} tekens lang zijn."),
    415: ("unsupported_media_type", "Stuur de reactie als JSON of als formulier."),
    429: ("rate_limited", "Je hebt even te veel reacties verstuurd. Probeer het later opnieuw."),
    500: ("internal_error", "Er ging bij ons iets mis. Probeer het later opnieuw."),
    503: ("unavailable", "De reacties zijn even niet bereikbaar. Probeer het over een paar seconden opnieuw."),
}

LIMITED = {"admin.login": "te vaak geprobeerd in te loggen", "api.data_request": "te vaak een link naar je gegevens gevraagd",
           "endorsements.endorsement": "te vaak op “Dit zou ik ook doen” geklikt"}


class ApiError(Exception):
    """An error a client gets to see: status, a stable code, a Dutch message, per-field messages."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.fields = fields or {}
        self.headers = headers or {}


# The status each refusal of the domain travels with.
DOMAIN_STATUS = {"invalid_input": 400, "poll_closed": 403, "withdraw_not_allowed": 403, "idempotency_key_reused": 422,
                 # the author's advice (the admin's page answers with them)
                 "invalid_advice": 400, "invalid_schedule": 400, "no_advice": 409, "already_published": 409,
                 "not_published": 409,
                 "not_endorsable": 404}


def envelope(code: str, message: str, fields: dict[str, str]) -> dict:
    """The error as every JSON answer carries it."""
    return {"error": {"code": code, "message": message, "fields": fields}}


def error_response(error: ApiError) -> Response:
    """The JSON envelope, or the HTML page of the part that asked (the no-JS form, the admin)."""
    renderer = current_app.extensions["error_pages"].get(request.blueprint)
    response = renderer(error) if renderer else None
    if response is None:
        response = jsonify(envelope(error.code, error.message, error.fields))
    response.status_code = error.status
    response.headers.update(error.headers)
    return response


def _from_status(status: int, headers: dict[str, str] | None = None) -> ApiError:
    code, message = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])
    return ApiError(status, code, message, headers=headers)


def register_error_handlers(app: Flask) -> None:
    """Turn every failure into the envelope: ours, HTTP errors, rate limits, a busy database."""

    @app.errorhandler(ApiError)
    def _api_error(error: ApiError):
        return error_response(error)

    @app.errorhandler(DomainError)
    def _refused(error: DomainError):
        return error_response(ApiError(DOMAIN_STATUS[error.code], error.code, error.message, error.fields))

    @app.errorhandler(RateLimitExceeded)
    def _rate_limited(error: RateLimitExceeded):
        seconds = retry_after_seconds()
        code, _ = MESSAGES[429]
        what = LIMITED.get(request.endpoint, "te veel reacties verstuurd")
        message = f"Je hebt even {what}. Probeer het over {_dutch_wait(seconds)} opnieuw."
        return error_response(ApiError(429, code, message, headers={"Retry-After": str(seconds)}))

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        headers = dict(error.get_headers())
        kept = {name: value for name, value in headers.items() if name in {"Allow", "Retry-After"}}
        return error_response(_from_status(error.code, kept))

    @app.errorhandler(OperationalError)
    def _database_unavailable(error: OperationalError):
        app.logger.warning("database unavailable: %s", error.orig)
        return error_response(_from_status(503, {"Retry-After": "2"}))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        app.logger.exception("unhandled error")
        return error_response(_from_status(500))


def _dutch_wait(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} seconden"
    if seconds < 2 * 3600:
        return f"{round(seconds / 60)} minuten"
    return f"{round(seconds / 3600)} uur"
