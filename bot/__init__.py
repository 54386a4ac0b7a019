"""The Telegram side of the bot: the application, delivery, rendering and texts."""

from bot.aiogram_fast import (
    speed_up_bot_property,
    speed_up_middleware_wrapping,
    speed_up_post_init,
)
from bot.aiogram_lazy import import_aiogram_lazily

# Before anything imports aiogram: its Telegram types are then built on first use (~100 MB
# less memory, ~2 s faster start); see bot/aiogram_lazy.py.
import_aiogram_lazily()
# Each Telegram object gets and gives its bot in one step instead of pydantic's generic
# chain, and handler calls are wrapped without copying metadata; see bot/aiogram_fast.py.
speed_up_post_init()
speed_up_bot_property()
speed_up_middleware_wrapping()
