"""The garbage collector is paused only inside `bulk_allocation`, and set back as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from committee.store.database import bulk_allocation


@pytest.fixture
def collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_paused_inside_and_on_again_after(collector: None) -> None:
    gc.enable()
    with bulk_allocation():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_on_again_after_an_error(collector: None) -> None:
    gc.enable()
    with pytest.raises(ZeroDivisionError), bulk_allocation():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_left_off_when_it_was_off(collector: None) -> None:
    gc.disable()
    with bulk_allocation():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_nested_uses_leave_it_as_the_outer_one_found_it(collector: None) -> None:
    gc.enable()
    with bulk_allocation():
        with bulk_allocation():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
