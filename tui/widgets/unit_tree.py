"""The province's districts and their communes, each marked with its committee's status.

The district-level units' statuses come with the units; a district's communes are checked
(through the `statuses` source the screen gives) before the tree first shows them:
unfolded, filtered to, or opened. So the tree never shows a commune without its status.
Moving the cursor to a unit posts `UnitTree.UnitHighlighted`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from committee.domain.records import UnitRef
from committee.domain.text import fold
from committee.domain.vocabulary import Level
from tui.edge import at_edge
from tui.text import shown
from tui.widgets.status import STATUS_MARKS, STATUS_STYLES, Status

NOT_CHECKED = "…"
StatusSource = Callable[[Sequence[UnitRef]], dict[str, Status]]


class UnitTree(Tree[str]):
    """Node data is the unit code. `load(units, statuses)` (re)builds it; `filter(text)`
    shows the units whose name (or a commune's) holds the text, diacritics ignored."""

    DEFAULT_CSS = """
    UnitTree { scrollbar-size-vertical: 1; }
    """

    class UnitHighlighted(Message):
        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    def __init__(self, statuses: StatusSource, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__("Tỉnh", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self._source = statuses
        self._units: dict[str, UnitRef] = {}
        self._statuses: dict[str, Status] = {}
        self._districts: list[str] = []
        self._communes: dict[str, list[str]] = {}
        self._checked: set[str] = set()  # districts whose communes are checked
        self._folded: dict[str, str] | None = None  # folded names, made on the first filter
        self._unit_nodes: dict[str, TreeNode[str]] = {}
        self.query_text = ""

    def _label(self, code: str) -> Text:
        if code in self._statuses:
            status = self._statuses[code]
            text = Text(STATUS_MARKS[status] + " ", style=STATUS_STYLES[status])
        else:  # a commune not checked yet: relabelled before its district unfolds
            text = Text(NOT_CHECKED + " ", style="dim")
        text.append_text(shown(self._units[code].name))
        return text

    def load(self, units: Iterable[UnitRef], statuses: dict[str, Status]) -> None:
        self._units = {unit.code: unit for unit in units}
        self._statuses = dict(statuses)
        self._districts = [c for c, u in self._units.items() if u.level is Level.DISTRICT]
        self._communes = {}
        for code, unit in self._units.items():
            if unit.level is Level.COMMUNE and unit.parent_code:
                self._communes.setdefault(unit.parent_code, []).append(code)
        self._checked = set()
        self._folded = None
        self.rebuild()

    def set_status(self, code: str, status: Status) -> None:
        if code not in self._units:
            return
        self._statuses[code] = status
        node = self._unit_nodes.get(code)
        if node is not None:
            node.set_label(self._label(code))

    def _check_communes(self, districts: Iterable[str | None]) -> None:
        """Check the communes of these districts, unless done before."""
        todo = [code for code in districts if code and code not in self._checked]
        if not todo:
            return
        self._checked.update(todo)
        communes = [self._units[c] for code in todo for c in self._communes.get(code, [])]
        if communes:
            self._statuses.update(self._source(communes))

    def _unfolded_by(self, key: str) -> list[str]:
        """The districts the tree unfolds when filtered by `key` (folded): those whose name
        holds it, and those with a commune whose name does."""
        if self._folded is None:
            self._folded = {code: fold(unit.name) for code, unit in self._units.items()}
        names = self._folded
        return [
            code
            for code in self._districts
            if code not in self._checked
            and (key in names[code] or any(key in names[c] for c in self._communes.get(code, ())))
        ]

    def filter(self, text: str) -> None:
        self.query_text = text
        key = fold(text)
        if key:
            self._check_communes(self._unfolded_by(key))
        self.rebuild()

    def rebuild(self) -> None:
        key = fold(self.query_text)
        self.clear()
        self._unit_nodes = {}
        for district in self._districts:
            own_match = not key or key in fold(self._units[district].name)
            communes = [
                c
                for c in self._communes.get(district, [])
                if own_match or key in fold(self._units[c].name)
            ]
            if not own_match and not communes:
                continue
            node = self.root.add(self._label(district), data=district, expand=bool(key))
            self._unit_nodes[district] = node
            for commune in communes:
                self._unit_nodes[commune] = node.add_leaf(self._label(commune), data=commune)

    def first_match(self) -> str | None:
        """The first unit, in tree order, whose name holds the filter's text."""
        key = fold(self.query_text)
        if not key:
            return None
        names = self._folded or {code: fold(unit.name) for code, unit in self._units.items()}
        return next((code for code in self._unit_nodes if key in names[code]), None)

    def select_code(self, code: str) -> bool:
        """Move the cursor to a unit, its district unfolded (clearing a filter that hides it)."""
        unit = self._units.get(code)
        if unit is None:
            return False
        self._check_communes([code if unit.level is Level.DISTRICT else unit.parent_code])
        if code not in self._unit_nodes:
            self.query_text = ""
            self.rebuild()
        node = self._unit_nodes[code]
        if node.parent is not None and node.parent is not self.root:
            node.parent.expand()
        if node.children:  # a district: show its communes and their statuses
            node.expand()
        self.call_after_refresh(self._move, node)
        return True

    def _move(self, node: TreeNode[str]) -> None:
        self.move_cursor(node)
        self.scroll_to_node(node)

    @on(Tree.NodeExpanded)
    @at_edge
    def _unfolded(self, event: Tree.NodeExpanded[str]) -> None:
        self._check_communes([event.node.data])
        for child in event.node.children:
            if child.data is not None:
                child.set_label(self._label(child.data))

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.UnitHighlighted(event.node.data))
