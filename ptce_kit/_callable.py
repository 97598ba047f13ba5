"""Modules that share their name with their main function (``build``, ``compare``).

``ptce_kit.build`` is both a module and the public function :func:`ptce_kit.build.build`.
Once the module is imported, Python binds the package's attribute to the module, which
would hide the lazily exported function; a callable module keeps ``ptce_kit.build(...)``
working whatever was imported first.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any

__all__ = ["make_module_callable"]


def make_module_callable(module_name: str, function: Callable[..., Any]) -> None:
    """Let the module ``module_name`` be called as ``function``."""

    class CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

    CallableModule.__doc__ = f"The module {module_name}, callable as {function.__name__}()."
    sys.modules[module_name].__class__ = CallableModule
