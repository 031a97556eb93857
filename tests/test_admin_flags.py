"""The queue's labels that help the author decide: a text's links and shortness, and a sender seen in spam, by
more than the network (one spammer in an office must not taint every colleague behind its address)."""

from __future__ import annotations

import re

from comments_service.domain.models import Status
from tests.support.comments import COMMENTS_URL, VALID, moderate


def _flags(admin, comment_id: int, status: str = "pending") -> list[str]:
    page = admin.get(f"/admin/?status={status}").get_data(as_text=True)
    card = re.search(rf'<article class="card" id="reactie-{comment_id}">(.*?)</article>', page, re.DOTALL).group(1)
    return re.findall(r'<span class="flag">([^<]*)</span>', card)


def _post_from(admin, network: str, **fields):
    return admin.post(COMMENTS_URL, json={**VALID, **fields}, environ_base={"REMOTE_ADDR": network}).get_json()["id"]


def test_flags_a_short_text_and_a_sender_seen_in_spam_by_more_than_the_network(app, admin):
    """One spammer in an office must not taint every colleague behind the same address."""
    spam = _post_from(admin, "198.51.100.7", author="Koopjes Kees", email="kees@example.nl", body="Koop nu! Koop nu! Koop nu!")
    moderate(app, Status.SPAM, spam)
    colleague = _post_from(admin, "198.51.100.7", author="Marieke", body="Hoi")
    same_name = _post_from(admin, "198.51.100.7", author="  koopjes   KEES ", body="Ik zou eerst vragen wat er speelt.")
    same_address = _post_from(admin, "203.0.113.9", author="Iemand", email="KEES@example.nl", body="Samen bellen werkt.")
    elsewhere = _post_from(admin, "203.0.113.9", author="Koopjes Kees", body="Samen bellen werkt.")
    assert _flags(admin, colleague) == ["erg kort"]
    assert _flags(admin, same_name) == ["zelfde naam en netwerk als eerdere spam"]
    assert _flags(admin, same_address) == ["e-mailadres eerder bij spam gebruikt"]
    assert _flags(admin, elsewhere) == []
    assert _flags(admin, spam, "spam") == []  # the spam itself is not "seen in spam"
    assert "Het netwerk alleen zegt niets" in admin.get("/admin/").get_data(as_text=True)  # what they mean


def test_a_text_is_short_below_fifteen_characters(admin):
    """Fifteen characters is a short answer, not a suspicious one; fourteen is flagged."""
    fourteen = _post_from(admin, "192.0.2.1", body="x" * 14)
    fifteen = _post_from(admin, "192.0.2.1", body="x" * 15)
    assert (_flags(admin, fourteen), _flags(admin, fifteen)) == (["erg kort"], [])
