"""The app's edge: what no code nearer the clerk caught.

Every place where Textual calls into bcd138 goes through here: actions (the app's
`run_action`), message handlers (`at_edge`), the callbacks of dialogs (`guarded`) and work
in threads (`in_thread`). A refusal (UserError) that reaches the edge is shown as its
message. Anything else is a defect: its traceback is written to the log file (`log_path`)
and the clerk is told, in Vietnamese, that the action did not complete and where the
details are; the app keeps running. Should the app have to stop all the same (Textual's
own last resort), its report goes to the same file, and `run_app` exits non-zero with one
line naming it (`stopped_message`): never a traceback on the screen.
"""

from __future__ import annotations

import functools
import inspect
import os
import tempfile
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from textual.dom import DOMNode

from committee.domain.errors import UserError
from tui.text import say

LOG_NAME = "bcd138-ui.log"

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def log_path() -> Path:
    """$XDG_STATE_HOME/bcd138/bcd138-ui.log, else ~/.local/state/bcd138/bcd138-ui.log."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "bcd138" / LOG_NAME


def _fallback_log_path() -> Path:
    return Path(tempfile.gettempdir()) / f"bcd138-ui-{os.getuid()}.log"


def append_to_log(text: str) -> Path | None:
    """Append `text` to the log, headed with the time; the file written (in the temporary
    folder when the usual one cannot be written), or None when none could be."""
    entry = f"--- {datetime.now():%Y-%m-%d %H:%M:%S}\n{text.rstrip()}\n"
    for path in (log_path(), _fallback_log_path()):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as log:
                log.write(entry)
        except OSError:
            continue
        return path
    return None


def _where(path: Path | None) -> str:
    return f"Chi tiết đã ghi vào tệp {path}" if path else "Không ghi được tệp nhật ký"


def unexpected_message(path: Path | None) -> str:
    return (
        "Có lỗi ngoài dự kiến nên thao tác vừa rồi chưa hoàn thành. "
        f"{_where(path)}; hãy gửi tệp này cho người hỗ trợ. bcd138 vẫn chạy tiếp."
    )


def stopped_message(path: Path | None) -> str:
    return f"Giao diện bcd138 phải dừng vì một lỗi ngoài dự kiến. {_where(path)}."


def report(node: DOMNode, error: BaseException) -> None:
    """Tell the clerk about an error nothing nearer caught: a refusal by its message, a
    defect by a notice naming the log file its traceback was written to."""
    if isinstance(error, UserError):
        say(node, error.message, severity="error", title="Không thực hiện được", timeout=12)
        return
    path = append_to_log("".join(traceback.format_exception(error)))
    say(node, unexpected_message(path), severity="error", title="Lỗi ngoài dự kiến", timeout=30)


def at_edge(method: F) -> F:
    """For a message handler of a screen or widget: errors it lets through are reported
    (`report`) instead of stopping the app."""
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def run_async(self: DOMNode, *args: Any, **kwargs: Any) -> Any:
            try:
                return await method(self, *args, **kwargs)
            except Exception as error:
                report(self, error)
                return None

        return run_async  # type: ignore[return-value]

    @functools.wraps(method)
    def run(self: DOMNode, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as error:
            report(self, error)
            return None

    return run  # type: ignore[return-value]


def guarded(node: DOMNode, callback: Callable[[T], Any]) -> Callable[[T], None]:
    """A dialog's result callback whose errors are reported instead of stopping the app."""

    @functools.wraps(callback)
    def run(result: T) -> None:
        try:
            callback(result)
        except Exception as error:
            report(node, error)

    return run


def in_thread(
    node: DOMNode,
    work: Callable[[], T],
    done: Callable[[T], Any],
    failed: Callable[[UserError | None], Any],
    group: str = "work",
) -> None:
    """Run `work` in a thread (the screen stays responsive), then `done(result)` back on the
    app's thread; when it raises, `failed(error)` with the refusal, or with None after a
    defect was reported (`report`). A later call in the same group replaces this one."""
    app = node.app

    def back(callback: Callable[[Any], Any], value: Any) -> None:
        app.call_from_thread(guarded(node, callback), value)

    def body() -> None:
        try:
            result = work()
        except UserError as error:
            back(failed, error)
            return
        except Exception as error:
            app.call_from_thread(report, node, error)
            back(failed, None)
            return
        back(done, result)

    node.run_worker(body, thread=True, exclusive=True, group=group, exit_on_error=False)


class FatalLog:
    """The file Textual's error console writes to: what Textual prints when the app must
    stop (its own report of an error) goes to the log file instead of the screen."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.written = False
        self._parts: list[str] = []

    def write(self, text: str) -> int:
        self._parts.append(text)
        return len(text)

    def flush(self) -> None:
        if self._parts:
            self.path = append_to_log("".join(self._parts))
            self.written = True
            self._parts.clear()

    def isatty(self) -> bool:
        return False
