"""`python -m bot` runs the bot; `python -m bot parse PATH [--json]` runs the protocol parser."""

from __future__ import annotations

import asyncio
import contextlib
import sys

from pydantic import ValidationError

from bot.config import Settings
from bot.texts import core as t


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"]).upper() or "?"
            if field == "BOT_TOKEN":
                # An empty value is the .env.example line not filled in yet.
                missing = error["type"] == "missing" or not str(error.get("input") or "").strip()
                print(
                    t.SETTINGS_MISSING_TOKEN if missing else t.SETTINGS_BAD_TOKEN, file=sys.stderr
                )
            else:
                print(t.SETTINGS_INVALID.format(field=field, error=error["msg"]), file=sys.stderr)
        raise SystemExit(2) from None


def main(argv: list[str]) -> int:
    if argv[:1] == ["parse"]:
        from bot.cli import main as parse_main

        code: int = parse_main(argv)
        return code
    from bot.app import run
    from bot.logs import setup_logging

    settings = load_settings()
    setup_logging(settings.log_level, settings.bot_token.get_secret_value())
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
