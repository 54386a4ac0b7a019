"""`python -m bot` stops cleanly on SIGTERM: polling ends, the worker and scheduler stop."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

import pytest

from tests.fakebot import FakeTelegramServer
from tests.reliability.test_kill import _env


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
async def test_sigterm_stops_the_bot_cleanly(tmp_path: Path) -> None:
    async with FakeTelegramServer() as tg:
        admin = tg.user(1000, "Анна")
        env = _env(tg, tmp_path / "bot.sqlite3") | {"ADMIN_IDS": "1000", "LOG_LEVEL": "INFO"}
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await tg.wait_polling(timeout=60)
            await admin.send("/start")
            reply = await admin.next_message(timeout=30)
            assert "администратором" in (reply.plain_text or "")
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()[-2000:]
    lines = [json.loads(line) for line in stderr.decode().splitlines() if line.startswith("{")]
    messages = [entry["msg"] for entry in lines]
    assert "bot stopped" in messages
    assert "updates handled at once: at most 1" in messages  # one /start
    assert messages.index("Polling stopped") < messages.index("bot stopped")
    assert all(tg.token not in line for line in stderr.decode().splitlines())
