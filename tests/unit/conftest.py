"""Shared fixtures of the unit tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.db import Database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated database in a temporary file."""
    database = Database(tmp_path / "bot.sqlite3")
    await database.connect()
    yield database
    await database.close()
