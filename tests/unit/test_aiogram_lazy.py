"""aiogram imported with its Telegram types built on first use (bot/aiogram_lazy.py).

Each check runs in a fresh interpreter: what matters is the state right after the import.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

UPDATES = [
    {
        "update_id": 7,
        "message": {
            "message_id": 11,
            "date": 1772434800,
            "chat": {"id": 42, "type": "private", "first_name": "Дарья"},
            "from": {"id": 42, "is_bot": False, "first_name": "Дарья", "language_code": "ru"},
            "caption": "Отчёт по пункту 2.1",
            "document": {
                "file_id": "F",
                "file_unique_id": "U",
                "file_name": "отчёт.pdf",
                "mime_type": "application/pdf",
                "file_size": 1024,
            },
            "photo": [{"file_id": "P", "file_unique_id": "PU", "width": 90, "height": 90}],
            "entities": [{"type": "bold", "offset": 0, "length": 5}],
            "reply_to_message": {
                "message_id": 10,
                "date": 1772434700,
                "chat": {"id": 42, "type": "private"},
                "text": "Поручение №3",
                "reply_markup": {
                    "inline_keyboard": [[{"text": "✅ Выполнено", "callback_data": "d:3:4"}]]
                },
            },
        },
    },
    {
        "update_id": 8,
        "callback_query": {
            "id": "cb",
            "chat_instance": "ci",
            "data": "d:3:4",
            "from": {"id": 42, "is_bot": False, "first_name": "Дарья"},
            "message": {
                "message_id": 10,
                "date": 1772434700,
                "chat": {"id": 42, "type": "private"},
                "text": "Поручение №3",
            },
        },
    },
    {
        "update_id": 9,
        "my_chat_member": {
            "chat": {"id": 42, "type": "private"},
            "from": {"id": 42, "is_bot": False, "first_name": "Дарья"},
            "date": 1772434800,
            "old_chat_member": {
                "status": "member",
                "user": {"id": 1, "is_bot": True, "first_name": "bot"},
            },
            "new_chat_member": {
                "status": "kicked",
                "user": {"id": 1, "is_bot": True, "first_name": "bot"},
                "until_date": 0,
            },
        },
    },
]


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_importing_the_bot_builds_no_telegram_type() -> None:
    out = _run(
        """
        import json, pathlib
        import bot.app
        import aiogram.types as types
        models = [getattr(types, n) for n in types.__all__]
        models = [m for m in models if hasattr(m, "__pydantic_complete__")]
        built = [m.__name__ for m in models if m.__pydantic_complete__]
        status = pathlib.Path("/proc/self/status").read_text().splitlines()
        # VmHWM: the peak of this process image (ru_maxrss would include the parent's).
        peak = next(int(s.split()[1]) for s in status if s.startswith("VmHWM:")) / 1024
        print(json.dumps({"models": len(models), "built": built, "peak": peak}))
        """
    )
    result = json.loads(out)
    assert result["models"] > 300
    assert result["built"] == []
    # Importing aiogram the usual way alone peaks at 165 MB or more.
    assert result["peak"] < 120, result


def test_every_type_and_method_builds_on_first_use() -> None:
    out = _run(
        """
        import json
        import bot
        import aiogram.methods as methods
        import aiogram.types as types
        failed = []
        count = 0
        for module in (types, methods):
            for name in module.__all__:
                model = getattr(module, name)
                if not hasattr(model, "__pydantic_complete__"):
                    continue
                count += 1
                try:
                    # What pydantic calls on first validation, without the types' namespace
                    model.model_rebuild(raise_errors=True)
                except Exception as exc:
                    failed.append(f"{name}: {exc}")
                if not model.__pydantic_complete__:
                    failed.append(f"{name}: not complete")
        print(json.dumps({"count": count, "failed": failed}))
        """
    )
    result = json.loads(out)
    assert result["count"] > 500
    assert result["failed"] == []


def test_lazy_and_eager_models_read_updates_the_same() -> None:
    code = """
        import json
        {prelude}
        from aiogram.methods import SendMessage
        from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Update
        updates = [Update.model_validate(u) for u in json.loads({updates!r})]
        sent = SendMessage(
            chat_id=42,
            text="<b>Поручение №3</b>",
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text="✅", callback_data="d:3:4")]]
            ),
        )
        print(json.dumps([
            [u.model_dump(mode="json", exclude_none=True) for u in updates],
            sent.model_dump(exclude_none=True),
            updates[0].message.document.file_name,
            updates[1].callback_query.message.text,
        ], default=str))
        """
    updates = json.dumps(UPDATES, ensure_ascii=False)
    lazy = _run(code.format(prelude="import bot", updates=updates))
    eager = _run(code.format(prelude="import aiogram; import bot", updates=updates))
    assert lazy == eager
    assert "отчёт.pdf" in json.loads(lazy)[2]
