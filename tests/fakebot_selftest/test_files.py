"""Documents and photos in both directions, getFile and the download route."""

from __future__ import annotations

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile

from tests.fakebot import TINY_PNG, FakeTelegramServer, PollingRun

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def test_bot_downloads_a_document_the_user_sent(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    sent = await alice.send_document(b"x" * 1234, "protocol.docx", caption="Протокол")
    assert sent["document"]["mime_type"] == DOCX
    assert sent["document"]["file_size"] == 1234
    assert sent["caption"] == "Протокол"
    reply = await alice.next_message()
    assert reply.text == "protocol.docx: 1234 bytes"
    assert tg.calls_of("getFile")[0].result["file_path"].endswith(".docx")


async def test_bot_downloads_the_largest_photo_size(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    sent = await alice.send_photo(TINY_PNG)
    assert len(sent["photo"]) == 2
    assert (await alice.next_message()).text == "photo 1x1"


async def test_document_sent_by_the_bot_is_readable_by_the_test(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send("/file")
    message = await alice.next_message()
    assert message.document is not None
    assert message.document.content == b"hello, file"
    assert message.document.file_name == "report.txt"
    assert message.document.mime_type == "text/plain"
    assert message.text == "Ваш <i>отчёт</i>"
    assert message.plain_text == "Ваш отчёт"
    assert message.raw["caption_entities"] == [{"type": "italic", "offset": 4, "length": 5}]
    assert tg.file_content(message.document.file_id) == b"hello, file"


async def test_photo_sent_by_the_bot(tg: FakeTelegramServer, polling: PollingRun) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send("/photo")
    message = await alice.next_message()
    assert message.photo is not None
    assert message.photo.content == TINY_PNG
    assert message.plain_text is None


async def test_documents_can_be_resent_by_file_id(tg: FakeTelegramServer, bot: Bot) -> None:
    alice = tg.user(1001, "Alice")
    sent = await alice.send_document(b"abc", "a.pdf")
    again = await bot.send_document(1001, sent["document"]["file_id"])
    assert again.document is not None
    assert again.document.file_id == sent["document"]["file_id"]
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_document(1001, "BQACnope")
    assert alice.last_bot_message.document is not None


async def test_photo_upload_must_be_an_image(tg: FakeTelegramServer, bot: Bot) -> None:
    await tg.user(1001, "Alice").send("hi")
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(1001, BufferedInputFile(b"not an image", filename="x.png"))


async def test_caption_limit(tg: FakeTelegramServer, bot: Bot) -> None:
    await tg.user(1001, "Alice").send("hi")
    document = BufferedInputFile(b"1", filename="x.txt")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_document(1001, document, caption="c" * 1025)


async def test_get_file_and_download_errors(tg: FakeTelegramServer, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await bot.get_file("nope")
    stored = tg.register_file(b"data", file_name="d.bin")
    file = await bot.get_file(stored.file_id)
    assert file.file_path == stored.file_path
    downloaded = await bot.download_file(stored.file_path)
    assert downloaded is not None
    assert downloaded.read() == b"data"
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{tg.base_url}/file/bot{tg.token}/documents/missing") as response,
    ):
        assert response.status == 404
