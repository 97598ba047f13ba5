"""The good pole of criteria_poles.py, and a way to break it one point at a time."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from criteria_poles import GOOD

from ptce_kit.model import Pole


@pytest.fixture
def make() -> Callable[..., Pole]:
    """``make(change)`` is the good pole after ``change(data)`` edited its raw data."""

    def build(change: Callable[[dict[str, Any]], Any] | None = None) -> Pole:
        data = copy.deepcopy(GOOD)
        if change is not None:
            change(data)
        return Pole.model_validate(data)

    return build
