"""The shared register: clerks and the units they may touch, an append-only audit trail.

- clerk, clerk_scope: the PostgreSQL roles an administrator made clerks (`bcd138 clerk
  add`), and the units given to each, to write or to read.
- clerk_unit: every unit under a clerk's scopes, flattened when the scopes are set, so
  that the row-level security policies are a single indexed look-up.
- audit_entry: one row per change of a decision, a roster line, a committee document or
  an assigned duty: who, when, what, the values before and after.

On PostgreSQL (only there) this migration also:
- writes audit_entry from triggers running `bcd138_audit()`, a SECURITY DEFINER function
  owned by the administrator who migrates, so that a clerk writes entries only by changing
  data, never directly; the actor is `session_user`, the role that logged in;
- refuses every UPDATE, DELETE and TRUNCATE of audit_entry (trigger), whoever asks;
- enables row-level security on decision, membership, committee_document,
  assigned_duty and audit_entry (a clerk reads its units, or every unit when it may read
  all, and writes only its writable units), and on admin_unit (everyone reads every unit;
  a clerk may lock, never change, a unit it writes). The tables' owner, the
  administrator, is not bound by them.
On SQLite the audit triggers are TEMP triggers made by bcd138 on each of its connections
(committee.store.audit), with the operating-system user as the actor; only the
append-only trigger is stored in the file.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ROLE = 63
ERA = 8
UNIT_CODE = 8
WRITER = 120


def _role() -> sa.Column:
    return sa.Column("role", sa.String(ROLE), primary_key=True)


def _unit_columns() -> list[sa.Column]:
    return [
        sa.Column("unit_era", sa.String(ERA), primary_key=True),
        sa.Column("unit_code", sa.String(UNIT_CODE), primary_key=True),
    ]


def _unit_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["unit_era", "unit_code"],
        ["admin_unit.era", "admin_unit.code"],
        name=f"fk_{table}_unit",
    )


def _create_tables() -> None:
    op.create_table(
        "clerk",
        _role(),
        sa.Column("read_only", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("read_all", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(WRITER), nullable=True),
    )
    for table in ("clerk_scope", "clerk_unit"):
        op.create_table(
            table,
            _role(),
            *_unit_columns(),
            sa.Column("writable", sa.Boolean(), nullable=False),
            sa.ForeignKeyConstraint(["role"], ["clerk.role"], name=f"fk_{table}_clerk"),
            _unit_fk(table),
        )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(WRITER), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("record_kind", sa.String(32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("unit_era", sa.String(ERA), nullable=True),
        sa.Column("unit_code", sa.String(UNIT_CODE), nullable=True),
        sa.Column("before_values", sa.Text(), nullable=True),
        sa.Column("after_values", sa.Text(), nullable=True),
    )
    op.create_index("ix_audit_entry_unit", "audit_entry", ["unit_era", "unit_code", "id"])
    op.create_index("ix_audit_entry_record", "audit_entry", ["record_kind", "record_id", "id"])


SQLITE_APPEND_ONLY = """
CREATE TRIGGER audit_entry_append_only_{op} BEFORE {op} ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'Nhật ký thay đổi chỉ được ghi thêm, không được sửa hay xóa.');
END
"""

# The audit trigger function (one for the four tables) and the append-only guard.
POSTGRESQL_AUDIT = r"""
CREATE FUNCTION bcd138_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    old_values jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    new_values jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    row_values jsonb := coalesce(new_values, old_values);
    changed text[] := '{}';
    context text := coalesce(current_setting('bcd138.context', true), '');
    what text;
    era text;
    code text;
BEGIN
    IF TG_TABLE_NAME = 'membership' AND TG_OP = 'UPDATE' THEN
        -- A roster renumbered parks each moving line at minus its old position
        -- (committee.usecases.decisions._renumber): the parking is no change to show, and
        -- the old position is read back from it, so that a move is one entry.
        IF (new_values ->> 'position')::integer < 0 THEN
            RETURN NULL;
        END IF;
        old_values := jsonb_set(
            old_values, '{position}', to_jsonb(abs((old_values ->> 'position')::integer)));
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO changed
        FROM jsonb_each(new_values) AS n
        WHERE n.value IS DISTINCT FROM old_values -> n.key
          AND n.key NOT IN ('version', 'updated_at', 'updated_by');
        IF cardinality(changed) = 0 THEN
            RETURN NULL;  -- only the version stamps moved (a roster line changed)
        END IF;
    END IF;
    IF TG_TABLE_NAME = 'decision' THEN
        era := row_values ->> 'unit_era';
        code := row_values ->> 'unit_code';
        what := CASE
            WHEN TG_OP = 'INSERT' AND context = 'import' THEN 'decision_imported'
            WHEN TG_OP = 'INSERT' THEN 'decision_created'
            WHEN TG_OP = 'DELETE' THEN 'decision_deleted'
            WHEN 'status' = ANY(changed) AND new_values ->> 'status' = 'issued'
                THEN 'decision_issued'
            WHEN changed = ARRAY['in_force'] AND NOT (new_values ->> 'in_force')::boolean
                THEN 'decision_superseded'
            ELSE 'decision_edited' END;
    ELSIF TG_TABLE_NAME = 'membership' THEN
        SELECT d.unit_era, d.unit_code INTO era, code
        FROM decision d WHERE d.id = (row_values ->> 'decision_id')::integer;
        what := CASE
            WHEN TG_OP = 'INSERT' THEN 'member_added'
            WHEN TG_OP = 'DELETE' THEN 'member_removed'
            WHEN changed = ARRAY['person_id'] THEN 'person_linked'
            WHEN changed = ARRAY['position'] THEN 'member_moved'
            ELSE 'member_edited' END;
    ELSIF TG_TABLE_NAME = 'committee_document' THEN
        SELECT d.unit_era, d.unit_code INTO era, code
        FROM decision d WHERE d.id = (row_values ->> 'decision_id')::integer;
        what := CASE TG_OP WHEN 'INSERT' THEN 'document_recorded'
            WHEN 'DELETE' THEN 'document_deleted' ELSE 'document_edited' END;
    ELSE  -- assigned_duty
        SELECT d.unit_era, d.unit_code INTO era, code
        FROM committee_document k JOIN decision d ON d.id = k.decision_id
        WHERE k.id = (row_values ->> 'document_id')::integer;
        what := CASE TG_OP WHEN 'INSERT' THEN 'duty_recorded'
            WHEN 'DELETE' THEN 'duty_deleted' ELSE 'duty_edited' END;
    END IF;
    INSERT INTO audit_entry (at, actor, action, record_kind, record_id, unit_era, unit_code,
                             before_values, after_values)
    VALUES (localtimestamp, session_user, what, TG_TABLE_NAME,
            (row_values ->> 'id')::integer, era, code, old_values::text, new_values::text);
    RETURN NULL;
END
$$;

CREATE FUNCTION bcd138_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Nhật ký thay đổi chỉ được ghi thêm, không được sửa hay xóa.'
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION bcd138_audit_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION bcd138_audit_append_only();
REVOKE ALL ON FUNCTION bcd138_audit() FROM PUBLIC;
"""

AUDITED = ("decision", "membership", "committee_document", "assigned_duty")

# The clerk may read/write rows of the unit (era, code) named by these expressions.
_READS = (
    "EXISTS (SELECT 1 FROM clerk k WHERE k.role = current_user AND k.read_all) "
    "OR EXISTS (SELECT 1 FROM clerk_unit c WHERE c.role = current_user "
    "AND c.unit_era = {era} AND c.unit_code = {code})"
)
_WRITES = (
    "EXISTS (SELECT 1 FROM clerk_unit c WHERE c.role = current_user AND c.writable "
    "AND c.unit_era = {era} AND c.unit_code = {code})"
)
# How a row of each table names its unit: (FROM … WHERE … joining to `d`, a decision).
_THROUGH = {
    "decision": None,
    "membership": "decision d WHERE d.id = membership.decision_id",
    "committee_document": "decision d WHERE d.id = committee_document.decision_id",
    "assigned_duty": (
        "committee_document k JOIN decision d ON d.id = k.decision_id "
        "WHERE k.id = assigned_duty.document_id"
    ),
}


def _rule(template: str, table: str) -> str:
    through = _THROUGH[table]
    if through is None:
        return template.format(era=f"{table}.unit_era", code=f"{table}.unit_code")
    # One indexed look-up per row: the decision (by its key), then the clerk's unit.
    inner = template.format(era="d.unit_era", code="d.unit_code")
    if template is _READS:
        return (
            "EXISTS (SELECT 1 FROM clerk k WHERE k.role = current_user AND k.read_all) "
            f"OR EXISTS (SELECT 1 FROM {through} AND EXISTS (SELECT 1 FROM clerk_unit c "
            "WHERE c.role = current_user AND c.unit_era = d.unit_era "
            "AND c.unit_code = d.unit_code))"
        )
    return f"EXISTS (SELECT 1 FROM {through} AND {inner})"


def _postgresql_policies() -> list[str]:
    statements = []
    for table in AUDITED:
        reads, writes = _rule(_READS, table), _rule(_WRITES, table)
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY clerk_reads ON {table} FOR SELECT USING ({reads})",
            f"CREATE POLICY clerk_inserts ON {table} FOR INSERT WITH CHECK ({writes})",
            f"CREATE POLICY clerk_updates ON {table} FOR UPDATE USING ({writes}) "
            f"WITH CHECK ({writes})",
            f"CREATE POLICY clerk_deletes ON {table} FOR DELETE USING ({writes})",
            f"CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION bcd138_audit()",
        ]
    unit_writes = _WRITES.format(era="admin_unit.era", code="admin_unit.code")
    audit_reads = _READS.format(era="audit_entry.unit_era", code="audit_entry.unit_code")
    statements += [
        "ALTER TABLE admin_unit ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY everyone_reads ON admin_unit FOR SELECT USING (true)",
        # SELECT … FOR UPDATE (the unit's lock) needs an UPDATE policy; no update passes.
        f"CREATE POLICY clerk_locks ON admin_unit FOR UPDATE USING ({unit_writes}) "
        "WITH CHECK (false)",
        "ALTER TABLE audit_entry ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY clerk_reads ON audit_entry FOR SELECT USING ({audit_reads})",
    ]
    return statements


def upgrade() -> None:
    _create_tables()
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(POSTGRESQL_AUDIT)
        for statement in _postgresql_policies():
            bind.exec_driver_sql(statement)
    else:
        for operation in ("UPDATE", "DELETE"):
            bind.exec_driver_sql(SQLITE_APPEND_ONLY.format(op=operation))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in (*AUDITED, "admin_unit"):
            bind.exec_driver_sql(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
            for policy in (
                "clerk_reads",
                "clerk_inserts",
                "clerk_updates",
                "clerk_deletes",
                "everyone_reads",
                "clerk_locks",
            ):
                bind.exec_driver_sql(f"DROP POLICY IF EXISTS {policy} ON {table}")
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_audit ON {table}")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS bcd138_audit()")
    for table in ("audit_entry", "clerk_unit", "clerk_scope", "clerk"):
        op.drop_table(table)
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS bcd138_audit_append_only()")
