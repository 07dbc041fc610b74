"""The record stays true: names kept on memberships, the committee's documents, one
decision in force per unit, versioned rows.

- membership.full_name: the name as written on the decision, copied from the person
  each line is linked to (what bcd138 printed until now); links are kept, nobody is split.
- membership.post_picked: whether the clerk picked the post from the catalogue (unknown
  for existing lines: taken as not picked, so a corrected title is read again).
- committee_document and assigned_duty: the Quy chế hoạt động and duty assignments the
  committee issues after its decision. decision.regulation_number/regulation_date move
  into committee_document as the decision's Quy chế.
- decision.in_force: the explicit marker of each unit's decision in force (the newest
  issued decision no issued decision supersedes, as bcd138 chose it until now), at most
  one per unit (partial unique index); a decision is superseded at most once; one decision
  per unit, number and signing date; one roster line per position.
- version, updated_at, updated_by on decision and membership: stale writes are refused.

Existing data that breaks the new constraints is mended only where the mending is
certain: a decision recorded twice with the same roster (a file imported twice) keeps its
first copy; decisions issued at the same moment that both superseded one decision are
put in a row, in the order they were recorded; lines at the same position get their
printed order's numbers. Two decisions with the same number and date but different
rosters cannot be told apart: the upgrade is refused, naming them, and nothing changes.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

from committee.domain.errors import UserError

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_decision = sa.table(
    "decision",
    sa.column("id", sa.Integer),
    sa.column("unit_code", sa.String),
    sa.column("number", sa.String),
    sa.column("signed_on", sa.Date),
    sa.column("status", sa.String),
    sa.column("supersedes_id", sa.Integer),
    sa.column("regulation_number", sa.String),
    sa.column("regulation_date", sa.Date),
    sa.column("created_at", sa.DateTime),
    sa.column("issued_at", sa.DateTime),
)
_membership = sa.table(
    "membership",
    sa.column("id", sa.Integer),
    sa.column("decision_id", sa.Integer),
    sa.column("person_id", sa.Integer),
    sa.column("role", sa.String),
    sa.column("position", sa.Integer),
    sa.column("title", sa.String),
    sa.column("duties", sa.Text),
    sa.column("phone", sa.String),
    sa.column("note", sa.Text),
)
_person = sa.table("person", sa.column("id", sa.Integer), sa.column("full_name", sa.String))


def _printed_roster(bind: sa.Connection, decision_id: int) -> list[tuple[Any, ...]]:
    return [
        tuple(row)
        for row in bind.execute(
            sa.select(
                _person.c.full_name,
                _membership.c.role,
                _membership.c.title,
                _membership.c.duties,
                _membership.c.phone,
                _membership.c.note,
            )
            .select_from(_membership.join(_person, _person.c.id == _membership.c.person_id))
            .where(_membership.c.decision_id == decision_id)
            .order_by(_membership.c.position, _membership.c.id)
        )
    ]


def _merge_repeated_decisions(bind: sa.Connection) -> None:
    """Keep the first of decisions recorded twice with the same roster; refuse to go on
    when two decisions share a number and date but not their roster."""
    groups: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for row in bind.execute(sa.select(_decision).order_by(_decision.c.id)):
        if row.signed_on is not None:
            groups[(row.unit_code, row.number, row.signed_on)].append(row)
    for (unit_code, number, signed_on), rows in groups.items():
        kept = rows[0]
        for later in rows[1:]:
            same = (
                kept.status == later.status == "issued"
                and _printed_roster(bind, kept.id) == _printed_roster(bind, later.id)
            )
            if not same:
                raise UserError(
                    f"Đơn vị mã {unit_code} có hai quyết định cùng số {number} ngày "
                    f"{signed_on:%d/%m/%Y} (số hiệu nội bộ {kept.id} và {later.id}) với danh "
                    "sách khác nhau; bản bcd138 này không cho phép trùng số và ngày. Hãy dùng "
                    "bản bcd138 cũ xóa hoặc sửa một trong hai, rồi mở lại; chưa có gì thay đổi."
                )
            bind.execute(
                _decision.update()
                .where(_decision.c.supersedes_id == later.id)
                .values(supersedes_id=later.supersedes_id)
            )
            if kept.regulation_number is None and later.regulation_number is not None:
                bind.execute(
                    _decision.update()
                    .where(_decision.c.id == kept.id)
                    .values(
                        regulation_number=later.regulation_number,
                        regulation_date=later.regulation_date,
                    )
                )
            bind.execute(_membership.delete().where(_membership.c.decision_id == later.id))
            bind.execute(_decision.delete().where(_decision.c.id == later.id))


def _put_forks_in_a_row(bind: sa.Connection) -> None:
    """Decisions that superseded the same one (issued at the same moment) are put in a
    row in the order they were recorded: each supersedes the one before it, unless that
    one is already superseded, in which case it supersedes nothing."""
    children: dict[int, list[int]] = defaultdict(list)
    for decision_id, supersedes_id in bind.execute(
        sa.select(_decision.c.id, _decision.c.supersedes_id)
        .where(_decision.c.supersedes_id.is_not(None))
        .order_by(_decision.c.id)
    ):
        children[supersedes_id].append(decision_id)
    superseded = set(children)
    for forks in children.values():
        for previous, later in zip(forks, forks[1:], strict=False):
            target = previous if previous not in superseded else None
            bind.execute(
                _decision.update().where(_decision.c.id == later).values(supersedes_id=target)
            )
            if target is not None:
                superseded.add(target)


def _number_repeated_positions(bind: sa.Connection) -> None:
    """Rosters with two lines at one position are numbered again in their printed order
    (position, then the order the lines were recorded), which is what was printed."""
    repeated = bind.execute(
        sa.select(_membership.c.decision_id)
        .group_by(_membership.c.decision_id, _membership.c.position)
        .having(sa.func.count() > 1)
        .distinct()
    ).scalars()
    for decision_id in list(repeated):
        lines = bind.execute(
            sa.select(_membership.c.id)
            .where(_membership.c.decision_id == decision_id)
            .order_by(_membership.c.position, _membership.c.id)
        ).scalars()
        for position, line_id in enumerate(list(lines), start=1):
            bind.execute(
                _membership.update()
                .where(_membership.c.id == line_id)
                .values(position=-position)  # two steps: no two lines meet on the way
            )
        bind.execute(
            _membership.update()
            .where(_membership.c.decision_id == decision_id)
            .values(position=-_membership.c.position)
        )


def _add_versioning(table: str) -> None:
    """The version SQLAlchemy checks on every update, and who changed the row last, when."""
    op.add_column(
        table, sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1"))
    )
    op.add_column(table, sa.Column("updated_at", sa.DateTime, nullable=True))
    op.add_column(table, sa.Column("updated_by", sa.String(120), nullable=True))


def upgrade() -> None:
    bind = op.get_bind()
    _merge_repeated_decisions(bind)
    _put_forks_in_a_row(bind)
    _number_repeated_positions(bind)

    op.create_table(
        "committee_document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("decision_id", sa.Integer, sa.ForeignKey("decision.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("number", sa.String(60), nullable=True),
        sa.Column("signed_on", sa.Date, nullable=True),
        sa.Column("signer", sa.String(120), nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("recorded_by", sa.String(120), nullable=True),
    )
    op.create_index("ix_committee_document_decision_id", "committee_document", ["decision_id"])
    op.create_index(
        "uq_committee_document",
        "committee_document",
        ["decision_id", "kind", "number", "signed_on"],
        unique=True,
    )
    op.create_table(
        "assigned_duty",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id", sa.Integer, sa.ForeignKey("committee_document.id"), nullable=False
        ),
        sa.Column("membership_id", sa.Integer, sa.ForeignKey("membership.id"), nullable=False),
        sa.Column("duties", sa.Text, nullable=False),
    )
    op.create_index("ix_assigned_duty_membership_id", "assigned_duty", ["membership_id"])
    op.create_index(
        "uq_assigned_duty", "assigned_duty", ["document_id", "membership_id"], unique=True
    )
    bind.execute(
        sa.text(
            "INSERT INTO committee_document (decision_id, kind, number, signed_on, signer, "
            "recorded_at) SELECT id, 'regulation', regulation_number, regulation_date, '', "
            "COALESCE(issued_at, created_at) FROM decision "
            "WHERE regulation_number IS NOT NULL AND regulation_number <> ''"
        )
    )
    op.drop_column("decision", "regulation_number")
    op.drop_column("decision", "regulation_date")

    op.add_column(
        "decision",
        sa.Column("in_force", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    _add_versioning("decision")
    bind.execute(sa.text("UPDATE decision SET updated_at = COALESCE(issued_at, created_at)"))
    bind.execute(
        sa.text(
            "UPDATE decision SET in_force = :yes WHERE id IN ("
            " SELECT max(d.id) FROM decision d WHERE d.status = 'issued' AND NOT EXISTS ("
            "  SELECT 1 FROM decision later"
            "  WHERE later.supersedes_id = d.id AND later.status = 'issued')"
            " GROUP BY d.unit_code)"
        ).bindparams(sa.bindparam("yes", True, type_=sa.Boolean))
    )
    op.drop_index("ix_decision_supersedes_id", "decision")
    op.create_index("uq_decision_supersedes", "decision", ["supersedes_id"], unique=True)
    op.create_index(
        "uq_decision_in_force",
        "decision",
        ["unit_code"],
        unique=True,
        sqlite_where=sa.text("in_force"),
        postgresql_where=sa.text("in_force"),
    )
    op.create_index(
        "uq_decision_number_date", "decision", ["unit_code", "number", "signed_on"], unique=True
    )

    op.add_column(
        "membership",
        sa.Column("full_name", sa.String(120), nullable=False, server_default=""),
    )
    op.add_column(
        "membership",
        sa.Column("post_picked", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    _add_versioning("membership")
    bind.execute(
        sa.text(
            "UPDATE membership SET full_name = "
            "(SELECT person.full_name FROM person WHERE person.id = membership.person_id), "
            "updated_at = (SELECT COALESCE(decision.issued_at, decision.created_at) "
            "FROM decision WHERE decision.id = membership.decision_id)"
        )
    )
    op.drop_index("ix_membership_decision_position", "membership")
    op.create_index(
        "uq_membership_position", "membership", ["decision_id", "position"], unique=True
    )
    op.create_index("ix_membership_full_name", "membership", ["full_name"])


def downgrade() -> None:
    op.drop_index("ix_membership_full_name", "membership")
    op.drop_index("uq_membership_position", "membership")
    op.create_index("ix_membership_decision_position", "membership", ["decision_id", "position"])
    for column in ("updated_by", "updated_at", "version", "post_picked", "full_name"):
        op.drop_column("membership", column)

    op.drop_index("uq_decision_number_date", "decision")
    op.drop_index("uq_decision_in_force", "decision")
    op.drop_index("uq_decision_supersedes", "decision")
    op.create_index("ix_decision_supersedes_id", "decision", ["supersedes_id"])
    for column in ("updated_by", "updated_at", "version", "in_force"):
        op.drop_column("decision", column)
    op.add_column("decision", sa.Column("regulation_number", sa.String(60), nullable=True))
    op.add_column("decision", sa.Column("regulation_date", sa.Date, nullable=True))
    op.get_bind().execute(
        sa.text(
            "UPDATE decision SET regulation_number = (SELECT doc.number FROM "
            "committee_document doc WHERE doc.decision_id = decision.id AND "
            "doc.kind = 'regulation' ORDER BY doc.id DESC LIMIT 1), regulation_date = "
            "(SELECT doc.signed_on FROM committee_document doc WHERE doc.decision_id = "
            "decision.id AND doc.kind = 'regulation' ORDER BY doc.id DESC LIMIT 1)"
        )
    )
    op.drop_table("assigned_duty")
    op.drop_table("committee_document")
