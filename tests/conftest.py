"""Tests import aiogram the way the bot does (bot/__init__.py, before anything else)."""

import bot  # noqa: F401
