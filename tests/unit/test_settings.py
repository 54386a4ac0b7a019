"""Settings and the `python -m bot` entry point's refusals."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456789:AAFakeTokenForTests_abcdefghijklmnopq"


def _run_bot(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN"}}
    clean["PYTHONPATH"] = str(ROOT)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_a_token_the_bot_exits_at_once_naming_the_setting(tmp_path: Path) -> None:
    result = _run_bot(tmp_path)
    assert result.returncode == 2
    assert "BOT_TOKEN" in result.stderr and ".env.example" in result.stderr


def test_an_empty_token_as_copied_from_env_example_is_not_set(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("BOT_TOKEN=\n", encoding="utf-8")
    result = _run_bot(tmp_path)
    assert result.returncode == 2
    assert "Не задан BOT_TOKEN" in result.stderr and "неверно" not in result.stderr


def test_a_malformed_token_is_refused_the_same_way(tmp_path: Path) -> None:
    result = _run_bot(tmp_path, BOT_TOKEN="not-a-token")
    assert result.returncode == 2
    assert "BOT_TOKEN задан неверно" in result.stderr
    assert "not-a-token" not in result.stderr


def test_settings_parse_lists_times_and_defaults(tmp_path: Path) -> None:
    s = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        reminder_days_before="0, 7,3",
        admin_ids="10,20",
        digest_time="08:30",
    )
    assert s.reminder_days_before == [7, 3, 0]
    assert s.admin_ids == [10, 20]
    assert s.digest_time == dt.time(8, 30)
    assert s.database_path == Path("data/bot.sqlite3")
    assert str(s.tz) == "Europe/Moscow"
    assert TOKEN not in repr(s)


def test_settings_read_the_env_file(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(f"BOT_TOKEN={TOKEN}\nTIMEZONE=Asia/Tomsk\nADMIN_IDS=5\n", encoding="utf-8")
    s = Settings(_env_file=env)  # type: ignore[call-arg]
    assert s.timezone == "Asia/Tomsk" and s.admin_ids == [5]


@pytest.mark.parametrize(
    ("key", "value"),
    [("timezone", "Mars/Olympus"), ("reminder_days_before", "-1"), ("log_level", "LOUD")],
)
def test_bad_settings_are_refused(key: str, value: str) -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, bot_token=TOKEN, **{key: value})  # type: ignore[call-arg]


def test_env_example_documents_every_setting() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"{name.upper()}=" in example, name
