"""Import aiogram with its Telegram types built on first use instead of all at import.

`aiogram.types` ends by calling `model_rebuild()` on each of its ~400 pydantic models, which
builds a validator for every Telegram type, each with its own inlined copy of the types it
nests (`Message` alone nests most of them). That costs about 100 MB of memory and 2 s of
start-up in every process (aiogram issue #1513), though a bot validates only a handful of them
directly: `Update`, `Message`, `User`, `File` and the methods it calls.

The models are declared with `defer_build=True`; only that final loop builds them. Here the
loop is skipped while aiogram is imported, and the names it would have resolved the types'
forward references with are put into the types' and methods' modules. Pydantic then builds
each model the first time it is validated, from the same declarations, resolving the same
names: the validators are identical, only built later and only for the types in use.

Import this before anything imports aiogram (`bot/__init__.py` does). If aiogram was already
imported, nothing changes: its models are built already and everything works as usual.
"""

from __future__ import annotations

import sys
from typing import Any

from pydantic import BaseModel

_MODULES = ("aiogram.types", "aiogram.methods")


def import_aiogram_lazily() -> bool:
    """Import aiogram with deferred model builds; False if it had been imported already."""
    if "aiogram" in sys.modules:
        return False
    namespace: dict[str, Any] = {}
    rebuild = BaseModel.__dict__["model_rebuild"]

    def defer(cls: type[BaseModel], *args: Any, **kwargs: Any) -> None:
        namespace.update(kwargs.get("_types_namespace") or {})

    BaseModel.model_rebuild = classmethod(defer)  # type: ignore[method-assign, assignment]
    try:
        import aiogram  # noqa: F401
    finally:
        BaseModel.model_rebuild = rebuild  # type: ignore[method-assign]
    for name, module in list(sys.modules.items()):
        if module is not None and name.startswith(_MODULES):
            for key, value in namespace.items():
                module.__dict__.setdefault(key, value)
    return True
