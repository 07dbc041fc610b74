"""Index decisions by unit and status: finding each unit's decision in force.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_decision_unit_status", "decision", ["unit_code", "status"])


def downgrade() -> None:
    op.drop_index("ix_decision_unit_status", "decision")
