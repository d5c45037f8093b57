"""How fast is a playbook parsed? Figures for a large playbook, against a baseline.

Baseline: the markdown package converting the same text to HTML (what the Playbooks
view does anyway to show it). The parser should cost a fraction of that.

    python benchmarks/bench_playbook_parse.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import markdown

from crisisdesk.playbooks.parser import parse_playbook

ITEMS_PER_PHASE = 200


def big_playbook() -> str:
    lines = [
        "---",
        "id: big",
        "title: A very large playbook",
        "type: generic",
        "language: en",
        "version: 1.0",
        "reviewed: 2026-11-01",
        "---",
        "",
        "Introduction paragraph.",
    ]
    for number in range(1, 7):
        lines += ["", f"## {number}. Phase {number}", "", "Guidance with **bold** text.", ""]
        for n in range(ITEMS_PER_PHASE):
            lines.append(
                f"- [ ] Do step {n} of phase {number} {{must; owner: it-lead; due: {n + 1}m}}"
            )
            lines.append(f"  A note line for step {n}.")
    return "\n".join(lines) + "\n"


def best_of(runs: int, func: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    text = big_playbook()
    items = 6 * ITEMS_PER_PHASE
    parse_best, parse_median = best_of(10, lambda: parse_playbook(text, "big.md"))
    html_best, html_median = best_of(10, lambda: markdown.markdown(text))
    print(f"playbook: {len(text.splitlines())} lines, {items} items, {len(text) / 1024:.0f} KiB")
    print(
        f"parse_playbook:     best {parse_best * 1000:7.1f} ms  median {parse_median * 1000:7.1f} ms"
    )
    print(
        f"markdown -> HTML:   best {html_best * 1000:7.1f} ms  median {html_median * 1000:7.1f} ms"
    )
    print(f"ratio parse / markdown baseline: {parse_best / html_best:.2f}")


if __name__ == "__main__":
    main()
