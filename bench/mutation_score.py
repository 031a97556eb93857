"""The score of the last `make mutate` run: mutants per status and module, and every survivor by name
(`mutmut show NAME` prints its diff). Reads mutmut's own result files under mutants/."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

RESULTS = Path(__file__).resolve().parent.parent / "mutants"


def main() -> None:
    totals: Counter[str] = Counter()
    survivors: list[str] = []
    for meta in sorted(RESULTS.rglob("*.py.meta")):
        statuses = {name: status_by_exit_code[code] for name, code in json.loads(meta.read_text())["exit_code_by_key"].items()}
        counts = Counter(statuses.values())
        totals.update(counts)
        survivors += sorted(name for name, status in statuses.items() if status in {"survived", "no tests"})
        print(f"{meta.name.removesuffix('.py.meta'):<14} {_score(counts)}")
    print(f"{'all':<14} {_score(totals)}")
    print("survivors:", *survivors or ["none"], sep="\n  ")


def _score(counts: Counter[str]) -> str:
    """Killed (timeouts count as killed: the mutant hung a test) out of those checked."""
    checked = sum(counts.values()) - counts["not checked"]
    caught = counts["killed"] + counts["timeout"]
    score = f"{100 * caught / checked:5.1f} %" if checked else "  n/a"
    return f"{score} killed  ({caught} of {checked} checked; " + ", ".join(
        f"{status} {count}" for status, count in sorted(counts.items()) if status not in {"killed"}) + ")"


if __name__ == "__main__":
    main()
