"""Parser speed over the shared protocols: time per document and MB/s overall (pure CPU).

Run as ``.venv/bin/python bench/bench_parser.py [ROUNDS]``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from protocols import (  # noqa: E402
    deadlines,
    morph,
    parse_text,
)
from protocols.morph import analyzer  # noqa: E402

SHARED = ROOT.parent / "shared" / "protocols"


def _forget_texts() -> None:
    """Drop per-text memos so repeated rounds measure real work (word caches stay warm)."""
    deadlines.find_inline_deadline.cache_clear()
    deadlines.parse_deadline_with.cache_clear()


def _word_caches() -> list[Callable[[], None]]:
    """`cache_clear` of every memo of `protocols.morph` but the analyser itself."""
    return [
        value.cache_clear
        for name, value in vars(morph).items()
        if name != "analyzer" and callable(getattr(value, "cache_clear", None))
    ]


def main(argv: list[str]) -> int:
    """Parse every shared document ``rounds`` times and print the figures."""
    rounds = int(argv[0]) if argv else 20
    paths = sorted(SHARED.glob("*.txt"))
    if not paths:
        print(f"no documents in {SHARED}")
        return 1
    started = time.perf_counter()
    analyzer()
    print(f"pymorphy3 analyser loaded once in {time.perf_counter() - started:.3f} s")
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
    for _, text in texts:
        parse_text(text)  # warm the caches the way a running bot has them
    total_bytes = 0
    total_seconds = 0.0
    print(f"{'document':<44} {'KB':>6} {'ms/parse':>9} {'MB/s':>7} {'items':>6}")
    for name, text in texts:
        size = len(text.encode("utf-8"))
        started = time.perf_counter()
        for _ in range(rounds):
            _forget_texts()
            result = parse_text(text)
        elapsed = (time.perf_counter() - started) / rounds
        total_bytes += size
        total_seconds += elapsed
        print(
            f"{name:<44} {size / 1024:>6.1f} {elapsed * 1000:>9.2f} "
            f"{size / elapsed / 1e6:>7.2f} {len(result.assignments):>6}"
        )
    print(
        f"{'overall':<44} {total_bytes / 1024:>6.1f} {total_seconds * 1000:>9.2f} "
        f"{total_bytes / total_seconds / 1e6:>7.2f}"
    )
    # Cold run: every word seen for the first time, as for a new protocol.
    _forget_texts()
    for forget in _word_caches():
        forget()
    started = time.perf_counter()
    for _, text in texts:
        _forget_texts()
        parse_text(text)
    cold = time.perf_counter() - started
    print(
        f"{'overall, cold word caches':<44} {total_bytes / 1024:>6.1f} {cold * 1000:>9.2f} "
        f"{total_bytes / cold / 1e6:>7.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
