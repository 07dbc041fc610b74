"""The province's districts and their communes, each marked with its committee's status."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from committee.domain.records import UnitRef
from committee.domain.text import fold
from committee.domain.vocabulary import Level
from tui.widgets.status import STATUS_MARKS, STATUS_STYLES


@dataclass
class UnitEntry:
    unit: UnitRef
    status_label: str


class UnitTree(Tree[str]):
    """Node data is the unit code. `show(entries, query)` (re)builds it, filtered."""

    DEFAULT_CSS = """
    UnitTree { scrollbar-size-vertical: 1; }
    """

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__("Tỉnh", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self._entries: dict[str, UnitEntry] = {}
        self._order: list[str] = []
        self._unit_nodes: dict[str, TreeNode[str]] = {}
        self.query_text = ""

    @staticmethod
    def _label(entry: UnitEntry) -> Text:
        label = entry.status_label
        text = Text(STATUS_MARKS.get(label, "?") + " ", style=STATUS_STYLES.get(label, ""))
        text.append(entry.unit.name)
        return text

    def load(self, entries: list[UnitEntry]) -> None:
        self._entries = {entry.unit.code: entry for entry in entries}
        self._order = [entry.unit.code for entry in entries]
        self.rebuild()

    def set_status(self, code: str, status_label: str) -> None:
        entry = self._entries.get(code)
        if entry is None:
            return
        entry.status_label = status_label
        node = self._unit_nodes.get(code)
        if node is not None:
            node.set_label(self._label(entry))

    def filter(self, text: str) -> None:
        self.query_text = text
        self.rebuild()

    def rebuild(self) -> None:
        key = fold(self.query_text)
        self.clear()
        self._unit_nodes = {}
        districts = [c for c in self._order if self._entries[c].unit.level is Level.DISTRICT]
        children: dict[str, list[str]] = {}
        for code in self._order:
            unit = self._entries[code].unit
            if unit.level is Level.COMMUNE and unit.parent_code:
                children.setdefault(unit.parent_code, []).append(code)
        for district in districts:
            entry = self._entries[district]
            own_match = not key or key in fold(entry.unit.name)
            communes = [
                c
                for c in children.get(district, [])
                if own_match or key in fold(self._entries[c].unit.name)
            ]
            if not own_match and not communes:
                continue
            node = self.root.add(self._label(entry), data=district, expand=bool(key))
            self._unit_nodes[district] = node
            for commune in communes:
                self._unit_nodes[commune] = node.add_leaf(
                    self._label(self._entries[commune]), data=commune
                )

    def select_code(self, code: str) -> bool:
        """Move the cursor to a unit (clearing a filter that hides it)."""
        if code not in self._unit_nodes:
            if code not in self._entries:
                return False
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
