"""``python -m bot parse PATH [--json]``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
KEYS = {
    "number", "text", "deadline", "deadline_time", "deadline_kind", "deadline_raw",
    "responsible", "recommendation",
}  # fmt: skip


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_json_output_follows_the_contract() -> None:
    code, out, err = _run(["parse", str(DATA / "wrapped_pdf_like.txt"), "--json"])
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert set(payload) == {"protocol", "assignments"}
    assert set(payload["protocol"]) == {"title", "number", "date"}
    assert payload["protocol"]["date"] == "2024-03-12"
    last = payload["assignments"][-1]
    assert set(last) == KEYS
    assert (last["deadline"], last["deadline_time"], last["deadline_kind"]) == (
        "2024-05-20",
        "15:00",
        "datetime",
    )
    assert last["responsible"] == ["Орлов В.В.", "Смирнов А.А."]


def test_table_output_has_russian_headings() -> None:
    code, out, _ = _run(["parse", str(DATA / "postanovili.txt")])
    assert code == 0
    assert "Поручений найдено: 5" in out
    assert "Ответственные" in out and "Морозов Д.А." in out


def test_stdin_is_read_with_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "РЕШИЛИ:\n1. Иванову И.И. подготовить отчёт до 01.02.2024.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("cp1251"))))
    code, out, _ = _run(["parse", "-", "--json"])
    assert code == 0
    assert json.loads(out)["assignments"][0]["responsible"] == ["Иванов И.И."]


def test_missing_file_exits_2_with_russian_message(tmp_path: Path) -> None:
    code, out, err = _run(["parse", str(tmp_path / "nope.docx")])
    assert (code, out) == (2, "")
    assert "Файл не найден" in err


def test_unreadable_document_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "scan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    code, _, err = _run(["parse", str(path), "--json"])
    assert code == 2
    assert ".docx" in err


def test_bad_arguments_exit_2() -> None:
    code, _, err = _run(["parse"])
    assert code == 2
    assert "Использование" in err


def test_module_entry_point_runs_without_bot_settings() -> None:
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    completed = subprocess.run(
        [sys.executable, "-m", "bot", "parse", str(DATA / "postanovili.txt"), "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert len(json.loads(completed.stdout)["assignments"]) == 5
