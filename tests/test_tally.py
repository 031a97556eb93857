"""The tally: approved top-level answers per option, in whole percents that always add up to 100 (the
largest remainder method)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from comments_service.domain.models import Comment, Status
from comments_service.domain.tally import largest_remainder, ranked
from comments_service.infra.database import db
from tests.support.comments import POLL_URL, THREAD, store_raw

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("counts", "percents"), [
    ([0, 0, 0], [0, 0, 0]),
    ([1, 0, 0], [100, 0, 0]),
    ([1, 1, 1], [34, 33, 33]),
    ([2, 1, 0], [67, 33, 0]),
    ([1, 1, 1, 1, 1, 1], [17, 17, 17, 17, 16, 16]),
    ([3, 3, 1], [43, 43, 14]),
    ([999, 1], [100, 0]),
    ([995, 5], [100, 0]),  # a tie in remainders goes to the earlier option
    ([994, 6], [99, 1]),
    ([1, 2, 3, 4, 5, 6], [5, 9, 14, 19, 24, 29]),
])
def test_largest_remainder(counts, percents):
    assert largest_remainder(counts) == percents


@pytest.mark.parametrize("counts", [[7, 11, 13, 17, 19, 23], [1] * 12, [1, 0, 2, 0, 3], [10**6, 1, 1]])
def test_percents_sum_to_100(counts):
    assert sum(largest_remainder(counts)) == 100


def test_the_tally_counts_each_option_of_this_thread_once_per_approved_answer(app):
    """Per option, only this thread's approved top-level answers; a reply never votes, even one stored with a
    category (by an older version, say); another thread's answers are not this poll's."""
    store_raw(app, "coachen", 3)
    store_raw(app, "voorbeeld", 2)
    store_raw(app, "anders", 1, status=Status.PENDING)
    store_raw(app, "anders", 1, status=Status.SPAM)
    store_raw(app, "coachen", 4, thread="een-ander-bericht")
    parent = store_raw(app, "afspraken", 1)[0]
    with app.app_context():
        db.session.add(Comment(thread=THREAD, parent_id=parent, author="A", body="B", body_html="<p>B</p>",
                               category="coachen", status=Status.APPROVED, created_at=NOW, updated_at=NOW))
        db.session.commit()
    poll = app.test_client().get(POLL_URL).get_json()
    assert {option["id"]: option["count"] for option in poll["options"]} == {
        "voorbeeld": 2, "coachen": 3, "afspraken": 1, "klein-beginnen": 0, "anders-organiseren": 0, "anders": 0}
    assert poll["total"] == 6
    assert [option["percent"] for option in poll["options"]] == [33, 50, 17, 0, 0, 0]


@pytest.mark.parametrize(("counts", "order", "leaders"), [
    ([1, 3, 2], ["b", "c", "a"], ["b"]),
    ([1, 0, 0], ["a", "b", "c"], ["a"]),  # one answer leads
    ([2, 0, 2], ["a", "c", "b"], ["a", "c"]),  # equal counts keep the front matter's order; both lead
    ([0, 0, 0], ["a", "b", "c"], []),  # nobody answered: no leader
])
def test_the_ranking_puts_most_first_and_marks_every_leader(counts, order, leaders):
    options = [{"id": name, "count": count} for name, count in zip("abc", counts, strict=True)]
    result = ranked(options)
    assert [option["id"] for option in result] == order
    assert [option["id"] for option in result if option["leader"] is True] == leaders
    assert all(option["leader"] is False for option in result if option["id"] not in leaders)
    assert options[0] == {"id": "a", "count": counts[0]}  # the caller's options are left as they were
