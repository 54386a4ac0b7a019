"""The parser benchmark still runs against the parser as it is (it clears the parser's memos by
name, so a renamed or removed memo breaks it): one round, its figures not judged."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_parser.py"


def test_bench_parser_runs_one_round(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("bench_parser", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not any(module.SHARED.glob("*.txt")):
        pytest.skip(f"no shared protocols in {module.SHARED}")
    assert module.main(["1"]) == 0
    out = capsys.readouterr().out
    assert "overall, cold word caches" in out
    assert module._word_caches(), "no word memo found to clear"
