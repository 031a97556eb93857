"""The queue's labels that help the author decide: a text's links and shortness, and a sender seen in spam, by
more than the network (one spammer in an office must not taint every colleague behind its address)."""

from __future__ import annotations

import re

from comments_service.domain.models import Status
from tests.support.comments import COMMENTS_URL, VALID, moderate


def _flags(admin, comment_id: int) -> list[str]:
    page = admin.get("/admin/?status=pending").get_data(as_text=True)
    card = re.search(rf'<article class="card" id="reactie-{comment_id}">(.*?)</article>', page, re.DOTALL).group(1)
    return re.findall(r'<span class="flag">([^<]*)</span>', card)


def _post_from(admin, network: str, **fields):
    return admin.post(COMMENTS_URL, json={**VALID, **fields}, environ_base={"REMOTE_ADDR": network}).get_json()["id"]


def test_flags_a_short_text_and_a_sender_seen_in_spam_by_more_than_the_network(app, admin):
    """One spammer in an office must not taint every colleague behind the same address."""
    moderate(app, Status.SPAM, _post_from(admin, "198.51.100.7", author="Koopjes Kees", email="kees@example.nl", body="Koop nu!"))
    colleague = _post_from(admin, "198.51.100.7", author="Marieke", body="Hoi")
    same_name = _post_from(admin, "198.51.100.7", author="  koopjes   KEES ", body="Ik zou eerst vragen wat er speelt.")
    same_address = _post_from(admin, "203.0.113.9", author="Iemand", email="KEES@example.nl", body="Samen bellen werkt.")
    elsewhere = _post_from(admin, "203.0.113.9", author="Koopjes Kees", body="Samen bellen werkt.")
    assert _flags(admin, colleague) == ["erg kort"]
    assert _flags(admin, same_name) == ["zelfde naam en netwerk als eerdere spam"]
    assert _flags(admin, same_address) == ["e-mailadres eerder bij spam gebruikt"]
    assert _flags(admin, elsewhere) == []
    assert "Het netwerk alleen zegt niets" in admin.get("/admin/").get_data(as_text=True)  # what they mean
