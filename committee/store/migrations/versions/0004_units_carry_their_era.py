"""Units carry their era: a unit is (era, code), and so is every reference to one.

Statistics-office codes were reused after 1 July 2025 with other meanings (xã Gia Phúc is
11035 before and 11050 after; 11050 was xã Hồng Hưng), so a code alone no longer names a
unit. admin_unit's primary key becomes (era, code), its parent (era, parent_code);
decision.unit_era and membership.post_unit_era are added beside the codes, with composite
foreign keys. Every unit and reference there is already becomes era 'legacy' (the only
units bcd138 knew); nothing else changes. The unit_succession table holds the links from
the legacy units to the 2025 ones, and the clerk's confirmations of split links.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

LEGACY = "legacy"
# Names for the unnamed foreign keys 0001 made, as SQLite's batch mode reflects them; on
# PostgreSQL they carry the server's own names (table_column_fkey).
_CONVENTION = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


def _old_fk(table: str, column: str, referred: str) -> str:
    if op.get_bind().dialect.name == "postgresql":
        return f"{table}_{column}_fkey"
    return f"fk_{table}_{column}_{referred}"


def _era_column(name: str, nullable: bool) -> sa.Column:
    if nullable:
        return sa.Column(name, sa.String(8), nullable=True)
    return sa.Column(name, sa.String(8), nullable=False, server_default=LEGACY)


def upgrade() -> None:
    bind = op.get_bind()
    for index in ("uq_decision_in_force", "uq_decision_number_date", "ix_decision_unit_status"):
        op.drop_index(index, "decision")
    op.drop_index("ix_decision_unit_code", "decision")
    op.drop_index("ix_admin_unit_parent_code", "admin_unit")

    with op.batch_alter_table("membership", naming_convention=_CONVENTION) as batch:
        batch.drop_constraint(
            _old_fk("membership", "post_unit_code", "admin_unit"), type_="foreignkey"
        )
        batch.add_column(_era_column("post_unit_era", nullable=True))
    with op.batch_alter_table("decision", naming_convention=_CONVENTION) as batch:
        batch.drop_constraint(_old_fk("decision", "unit_code", "admin_unit"), type_="foreignkey")
        batch.add_column(_era_column("unit_era", nullable=False))
    if bind.dialect.name == "postgresql":
        op.drop_constraint("admin_unit_parent_code_fkey", "admin_unit", type_="foreignkey")
        op.drop_constraint("admin_unit_pkey", "admin_unit", type_="primary")
        op.add_column("admin_unit", _era_column("era", nullable=False))
        # The era's server default was only for the rows already there.
        op.alter_column("admin_unit", "era", server_default=None)
        op.create_primary_key("admin_unit_pkey", "admin_unit", ["era", "code"])
        op.create_foreign_key(
            "fk_admin_unit_parent",
            "admin_unit",
            "admin_unit",
            ["era", "parent_code"],
            ["era", "code"],
        )
    else:
        _rebuild_sqlite_admin_unit()
    op.create_index("ix_admin_unit_era_parent", "admin_unit", ["era", "parent_code"])

    bind.execute(
        sa.text("UPDATE membership SET post_unit_era = :era WHERE post_unit_code IS NOT NULL"),
        {"era": LEGACY},
    )
    with op.batch_alter_table("membership") as batch:
        batch.create_foreign_key(
            "fk_membership_post_unit",
            "admin_unit",
            ["post_unit_era", "post_unit_code"],
            ["era", "code"],
        )
    with op.batch_alter_table("decision") as batch:
        batch.create_foreign_key(
            "fk_decision_unit", "admin_unit", ["unit_era", "unit_code"], ["era", "code"]
        )
    op.create_index("ix_decision_unit_status", "decision", ["unit_era", "unit_code", "status"])
    op.create_index(
        "uq_decision_in_force",
        "decision",
        ["unit_era", "unit_code"],
        unique=True,
        sqlite_where=sa.text("in_force"),
        postgresql_where=sa.text("in_force"),
    )
    op.create_index(
        "uq_decision_number_date",
        "decision",
        ["unit_era", "unit_code", "number", "signed_on"],
        unique=True,
    )

    op.create_table(
        "unit_succession",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("legacy_era", sa.String(8), nullable=False),
        sa.Column("legacy_code", sa.String(8), nullable=False),
        sa.Column("new_era", sa.String(8), nullable=False),
        sa.Column("new_code", sa.String(8), nullable=False),
        sa.Column("whole", sa.Boolean, nullable=False),
        sa.Column("package_default", sa.Boolean, nullable=False),
        sa.Column("confirmed_at", sa.DateTime, nullable=True),
        sa.Column("confirmed_by", sa.String(120), nullable=True),
        sa.ForeignKeyConstraint(
            ["legacy_era", "legacy_code"],
            ["admin_unit.era", "admin_unit.code"],
            name="fk_unit_succession_legacy",
        ),
        sa.ForeignKeyConstraint(
            ["new_era", "new_code"],
            ["admin_unit.era", "admin_unit.code"],
            name="fk_unit_succession_new",
        ),
    )
    op.create_index(
        "uq_unit_succession",
        "unit_succession",
        ["legacy_era", "legacy_code", "new_era", "new_code"],
        unique=True,
    )
    op.create_index("ix_unit_succession_new", "unit_succession", ["new_era", "new_code"])


def _rebuild_sqlite_admin_unit() -> None:
    """SQLite cannot change a primary key: the table is made again with (era, code) and its
    rows copied as era legacy (foreign keys are checked once, at the end of the migration)."""
    op.create_table(
        "admin_unit_with_era",
        sa.Column("era", sa.String(8), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("parent_code", sa.String(8), nullable=True),
        sa.Column("search_key", sa.String(120), nullable=False),
        sa.PrimaryKeyConstraint("era", "code", name="admin_unit_pkey"),
        sa.ForeignKeyConstraint(
            ["era", "parent_code"],
            ["admin_unit.era", "admin_unit.code"],
            name="fk_admin_unit_parent",
        ),
    )
    op.get_bind().execute(
        sa.text(
            "INSERT INTO admin_unit_with_era (era, code, name, kind, level, parent_code, "
            "search_key) SELECT :era, code, name, kind, level, parent_code, search_key "
            "FROM admin_unit"
        ),
        {"era": LEGACY},
    )
    op.drop_table("admin_unit")
    op.rename_table("admin_unit_with_era", "admin_unit")
    op.create_index("ix_admin_unit_level", "admin_unit", ["level"])
    op.create_index("ix_admin_unit_search_key", "admin_unit", ["search_key"])


def downgrade() -> None:
    raise NotImplementedError("bcd138 does not go back past the era of units (0004)")
