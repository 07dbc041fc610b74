"""The loaded provinces of each era, each a root ("Hải Dương (trước 01/07/2025)"), with
their districts and communes (from 2025: their communes), each marked with its
committee's status.

The tree is built a level at a time: a node's children are read (through the `TreeSource`
the screen gives) when it is first opened, and their statuses with them, so the first
screen holds the provinces only (a country's 10,000 units are never built at once) and
never shows a unit without its status. A filter reads the units whose name holds the
text, of every era, and opens the paths to them. Nodes are keyed by the unit's era and
code. Moving the cursor to a unit with a committee posts `UnitTree.UnitHighlighted`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from committee.domain.records import UnitRef
from committee.domain.text import fold
from committee.domain.vocabulary import Era, Level
from committee.usecases.view import TreeMatches, tree_root_label
from tui.edge import at_edge
from tui.text import shown
from tui.widgets.status import STATUS_MARKS, STATUS_STYLES, Status

UnitKey = tuple[Era, str]
OPEN_AT_START = 2  # with this many provinces or fewer, the tree starts with them open


class TreeSource(Protocol):
    """Where the tree reads its units from (the screen, through the use-cases)."""

    def roots(self) -> Sequence[UnitRef]: ...

    def children(self, unit: UnitRef) -> Sequence[UnitRef]: ...

    def statuses(self, units: Sequence[UnitRef]) -> dict[UnitKey, Status]: ...

    def matches(self, text: str) -> TreeMatches: ...

    def path(self, unit: UnitRef) -> Sequence[UnitRef]: ...


class UnitTree(Tree[UnitRef]):
    """Node data is the unit (a UnitRef). `load()` (re)builds the roots; `filter(text)`
    shows the units whose name holds the text, diacritics ignored; `select_unit(unit)`
    opens the path to a unit and puts the cursor on it."""

    DEFAULT_CSS = """
    UnitTree { scrollbar-size-vertical: 1; }
    """

    class UnitHighlighted(Message):
        def __init__(self, unit: UnitRef) -> None:
            super().__init__()
            self.unit = unit

    def __init__(self, source: TreeSource, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__("Đơn vị", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self._source = source
        self._provinces: tuple[UnitRef, ...] = ()
        self._statuses: dict[UnitKey, Status] = {}
        self._unit_nodes: dict[UnitKey, TreeNode[UnitRef]] = {}
        self._matched_units: tuple[UnitRef, ...] = ()
        self.query_text = ""
        # a unit the cursor is being moved to (select_unit): until it lands, the nodes the
        # cursor passes on the way (the tree laid out again) are not announced
        self._moving_to: TreeNode[UnitRef] | None = None

    # ------------------------------------------------------------------ labels, statuses

    def _label(self, unit: UnitRef) -> Text:
        if unit.level is Level.PROVINCE:
            return shown(tree_root_label(unit), "bold")
        status = self._statuses.get(unit.key)
        text = Text(STATUS_MARKS[status] + " ", style=STATUS_STYLES[status])
        return text.append_text(shown(unit.name))

    def _know_statuses(self, units: Sequence[UnitRef]) -> None:
        unknown = [
            u for u in units if u.level is not Level.PROVINCE and u.key not in self._statuses
        ]
        if unknown:
            self._statuses.update(self._source.statuses(unknown))

    def set_status(self, unit: UnitRef, status: Status) -> None:
        self._statuses[unit.key] = status
        node = self._unit_nodes.get(unit.key)
        if node is not None:
            node.set_label(self._label(unit))

    # ------------------------------------------------------------------ building

    def _add(self, parent: TreeNode[UnitRef], unit: UnitRef) -> TreeNode[UnitRef]:
        opens = unit.level is Level.PROVINCE or (
            unit.era is Era.LEGACY and unit.level is Level.DISTRICT
        )
        node = parent.add(self._label(unit), data=unit, allow_expand=opens)
        self._unit_nodes[unit.key] = node
        return node

    def _fill(self, node: TreeNode[UnitRef]) -> None:
        """Read a node's children (and their statuses) unless it has them already."""
        unit = node.data
        if unit is None or node.children or not node.allow_expand:
            return
        children = self._source.children(unit)
        self._know_statuses(children)
        for child in children:
            self._add(node, child)

    def load(self) -> None:
        """The roots again, from the source; open when there are few of them."""
        self._provinces = tuple(self._source.roots())
        self.query_text = ""
        self._matched_units = ()
        self._build_roots()

    def _build_roots(self) -> None:
        self.clear()
        self._unit_nodes = {}
        for root in self._provinces:
            node = self._add(self.root, root)
            if len(self._provinces) <= OPEN_AT_START:
                self._fill(node)
                node.expand()

    def filter(self, text: str) -> None:
        """Show the units whose name holds the text (and the units above them), opened;
        an empty text shows the whole tree again."""
        self.query_text = text
        if not fold(text):
            self._matched_units = ()
            self._build_roots()
            return
        found = self._source.matches(text)
        self._know_statuses(found.units)
        self._matched_units = found.matched
        self.clear()
        self._unit_nodes = {}
        for unit in found.units:
            parent = self._unit_nodes.get((unit.era, unit.parent_code or ""), self.root)
            self._add(parent, unit)
            if parent is not self.root:
                parent.expand()
        if found.more:
            self.root.add_leaf(Text("… còn nữa: gõ thêm để thu hẹp", style="dim italic"), data=None)

    def first_match(self) -> UnitRef | None:
        """The first unit, in tree order, whose name holds the filter's text."""
        return self._matched_units[0] if self._matched_units else None

    def node_of(self, unit: UnitRef) -> TreeNode[UnitRef] | None:
        """The unit's node, if the tree has built it."""
        return self._unit_nodes.get(unit.key)

    def select_unit(self, unit: UnitRef) -> bool:
        """Move the cursor to a unit, the units above it opened (clearing a filter that
        hides it)."""
        path = list(self._source.path(unit))
        if not path:
            return False
        if path[-1].key not in self._unit_nodes and self.query_text:
            self.query_text = ""
            self._matched_units = ()
            self._build_roots()
        if path[0].key not in self._unit_nodes:  # a province loaded after the tree was built
            self.load()
        for above in path[:-1]:
            node = self._unit_nodes.get(above.key)
            if node is None:
                return False
            self._fill(node)
            node.expand()
        node = self._unit_nodes.get(path[-1].key)
        if node is None:
            return False
        if node.allow_expand:  # a district: its communes shown, with their statuses
            self._fill(node)
            node.expand()
        self._moving_to = node
        self.call_after_refresh(self._move, node)
        return True

    def _move(self, node: TreeNode[UnitRef]) -> None:
        # the tree's lines laid out again first (reading last_line does it): a node's line
        # is stale until then, and the cursor would land on whatever held it before
        if self.last_line >= 0 and node.line >= 0:
            self.move_cursor(node)  # scrolled to at once: a switch is done when it is shown
        self._moving_to = None

    # ------------------------------------------------------------------ events

    @on(Tree.NodeExpanded)
    @at_edge
    def _opened(self, event: Tree.NodeExpanded[UnitRef]) -> None:
        event.stop()
        self._fill(event.node)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[UnitRef]) -> None:
        event.stop()
        if self._moving_to is not None or event.node is not self.cursor_node:
            return  # on the way to a unit being opened, or the cursor has moved on since
        unit = event.node.data
        if unit is not None and unit.level is not Level.PROVINCE:
            self.post_message(self.UnitHighlighted(unit))
