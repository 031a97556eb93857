"""Whole percents that always add up to 100: the largest remainder method."""

from __future__ import annotations

import pytest

from comments_service.domain.tally import largest_remainder


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
