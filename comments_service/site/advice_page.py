"""The author's advice as the built page shows it (hooks/conversation.py), from the service's public answers: the
text sanitised once more, the sentences with the figures, and when a scheduled advice follows. The widget says
the same live (docs/assets/javascripts/comments/advice.js)."""

from __future__ import annotations

from datetime import datetime

from comments_service.domain.advice_view import percent
from comments_service.domain.dutch import day, plural
from comments_service.domain.rendering import ADVICE_TAGS, sanitize
from comments_service.site.answers import whole


def agreement_sentence(count: int, total: int, percent: int) -> str:
    """'3 van de 7 lezers (43%) kozen dezelfde aanpak als wij.'"""
    return f"{count} van de {plural(total, 'lezer', 'lezers')} ({percent}%) {'koos' if count == 1 else 'kozen'} dezelfde aanpak als wij."


def _split(name: str, split: dict, options: list[str]) -> str:
    total = whole(split.get("total"))
    agreeing = sum(whole(option.get("count")) for option in split.get("options", []) if option.get("id") in options)
    return f"{name}: {plural(total, 'reactie', 'reacties')}, {agreeing} met onze aanpak"


def advice_shown(answer) -> dict | None:
    """The advice section's contents, or None (not published, or an answer the build cannot use)."""
    if not isinstance(answer, dict) or not isinstance(answer.get("body_html"), str):
        return None
    options = [option for option in answer.get("options", []) if isinstance(option, str)]
    agreement = answer.get("agreement") if isinstance(answer.get("agreement"), dict) else {}
    after = answer.get("after") if isinstance(answer.get("after"), dict) else {}
    before = answer.get("before") if isinstance(answer.get("before"), dict) else {}
    split = None
    if whole(after.get("total")):  # once answers came in after the reveal, both halves apart
        split = f"{_split('Voor het advies', before, options)}; {_split('na het advies', after, options)}."
    count, total = whole(agreement.get("count")), whole(agreement.get("total"))
    count = min(count, total)  # the percent is worked out here again, from the two counts
    return {"body_html": sanitize(answer["body_html"], ADVICE_TAGS), "options": options, "split": split,
            "agreement": agreement_sentence(count, total, percent(count, total))}


def follows(status) -> str | None:
    """'Ons advies verschijnt op 15 december 2026.' / '... na 50 reacties.' for a scheduled advice; else None."""
    if not isinstance(status, dict) or status.get("state") != "scheduled":
        return None
    if isinstance(status.get("at"), str):
        try:
            return f"Ons advies verschijnt op {day(datetime.fromisoformat(status['at'].replace('Z', '+00:00')))}."
        except ValueError:
            return None
    after = whole(status.get("after"))
    return f"Ons advies verschijnt na {plural(after, 'reactie', 'reacties')}." if after else None
