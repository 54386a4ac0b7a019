"""Online backups of the SQLite database (the sqlite3 backup API), with rotation."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path

from storage.db import Database

PATTERN = "bot-*.sqlite3"


async def make_backup(db: Database, directory: Path, keep: int, now: dt.datetime) -> Path:
    """Copy the live database into `directory` (consistent, while the bot runs); keep the
    newest `keep` copies. The copy is written to a temporary name and renamed when complete."""
    await asyncio.to_thread(directory.mkdir, parents=True, exist_ok=True)
    target = directory / f"bot-{now.astimezone(dt.UTC).strftime('%Y%m%d-%H%M%S')}.sqlite3"
    partial = target.with_suffix(".part")
    dest = await asyncio.to_thread(sqlite3.connect, partial, check_same_thread=False)
    try:
        await db.backup_to(dest)
    finally:
        await asyncio.to_thread(dest.close)
    await asyncio.to_thread(partial.replace, target)
    await asyncio.to_thread(_rotate, directory, keep)
    return target


def _rotate(directory: Path, keep: int) -> None:
    backups = sorted(directory.glob(PATTERN))
    for old in backups[: max(len(backups) - keep, 0)]:
        old.unlink(missing_ok=True)


def list_backups(directory: Path) -> list[Path]:
    return sorted(directory.glob(PATTERN))
