"""Initial schema: administrative units, people, decisions, memberships.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "admin_unit",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("parent_code", sa.String(8), sa.ForeignKey("admin_unit.code"), nullable=True),
        sa.Column("search_key", sa.String(120), nullable=False),
    )
    op.create_index("ix_admin_unit_level", "admin_unit", ["level"])
    op.create_index("ix_admin_unit_parent_code", "admin_unit", ["parent_code"])
    op.create_index("ix_admin_unit_search_key", "admin_unit", ["search_key"])

    op.create_table(
        "person",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("search_key", sa.String(120), nullable=False),
    )
    op.create_index("ix_person_search_key", "person", ["search_key"])

    op.create_table(
        "decision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("unit_code", sa.String(8), sa.ForeignKey("admin_unit.code"), nullable=False),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("signed_on", sa.Date, nullable=True),
        sa.Column("signer", sa.String(120), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("supersedes_id", sa.Integer, sa.ForeignKey("decision.id"), nullable=True),
        sa.Column("regulation_number", sa.String(60), nullable=True),
        sa.Column("regulation_date", sa.Date, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("issued_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_decision_unit_code", "decision", ["unit_code"])
    op.create_index("ix_decision_supersedes_id", "decision", ["supersedes_id"])

    op.create_table(
        "membership",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("decision_id", sa.Integer, sa.ForeignKey("decision.id"), nullable=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("person.id"), nullable=False),
        sa.Column("role", sa.String(24), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("post_kind", sa.String(60), nullable=True),
        sa.Column("post_unit_code", sa.String(8), sa.ForeignKey("admin_unit.code"), nullable=True),
        sa.Column("portfolio", sa.String(12), nullable=False),
        sa.Column("duties", sa.Text, nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_membership_decision_position", "membership", ["decision_id", "position"])
    op.create_index("ix_membership_person_id", "membership", ["person_id"])


def downgrade() -> None:
    op.drop_table("membership")
    op.drop_table("decision")
    op.drop_table("person")
    op.drop_table("admin_unit")
