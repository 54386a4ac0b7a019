"""A tiny aiogram bot the self-tests drive through the fake server."""

from __future__ import annotations

import io

from aiogram import Bot, Dispatcher, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from tests.fakebot import TINY_PNG


class ChoiceCallback(CallbackData, prefix="ch"):
    action: str


def menu_keyboard() -> InlineKeyboardBuilder:
    builder = InlineKeyboardBuilder()
    builder.button(text="💾 Сохранить", callback_data=ChoiceCallback(action="save"))
    builder.button(text="Отмена", callback_data=ChoiceCallback(action="cancel"))
    builder.button(text="Сайт", url="https://example.com")
    return builder


def router() -> Router:
    r = Router(name=__name__)

    @r.message(CommandStart())
    async def cmd_start(message: Message, command: CommandObject) -> None:
        payload = command.args or "-"
        await message.answer(f"Привет, <b>{message.from_user.first_name}</b>! payload={payload}")  # type: ignore[union-attr]

    @r.message(Command("menu"))
    async def cmd_menu(message: Message) -> None:
        await message.answer("Что сделать?", reply_markup=menu_keyboard().as_markup())

    @r.callback_query(ChoiceCallback.filter(F.action == "save"))
    async def on_save(query: CallbackQuery, callback_data: ChoiceCallback) -> None:
        await query.answer("Сохранено")
        assert isinstance(query.message, Message)
        await query.message.edit_text("Сохранено ✅")

    @r.callback_query(ChoiceCallback.filter(F.action == "cancel"))
    async def on_cancel(query: CallbackQuery) -> None:
        await query.answer("Отменено", show_alert=True)

    @r.message(Command("file"))
    async def cmd_file(message: Message) -> None:
        document = BufferedInputFile(b"hello, file", filename="report.txt")
        await message.answer_document(document, caption="Ваш <i>отчёт</i>")

    @r.message(Command("photo"))
    async def cmd_photo(message: Message) -> None:
        await message.answer_photo(BufferedInputFile(TINY_PNG, filename="p.png"))

    @r.message(F.document)
    async def on_document(message: Message, bot: Bot) -> None:
        assert message.document is not None
        buffer = io.BytesIO()
        await bot.download(message.document, destination=buffer)
        await message.answer(f"{message.document.file_name}: {len(buffer.getvalue())} bytes")

    @r.message(F.photo)
    async def on_photo(message: Message, bot: Bot) -> None:
        assert message.photo is not None
        buffer = io.BytesIO()
        await bot.download(message.photo[-1], destination=buffer)
        await message.answer(f"photo {message.photo[-1].width}x{message.photo[-1].height}")

    @r.message(F.text)
    async def echo(message: Message) -> None:
        assert message.text is not None
        await message.answer(message.text, parse_mode=None)

    return r


def build_dispatcher() -> Dispatcher:
    dp = Dispatcher()
    dp.include_router(router())
    return dp
