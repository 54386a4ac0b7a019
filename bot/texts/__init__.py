"""All user-facing Russian text, kept in one package so that a translation can follow."""

from bot.texts import core as core

__all__ = ["core"]
