"""The longest text each stored field takes, in characters: the one place the models (their
column sizes) and the input checks read, so that SQLite, which does not enforce a
column's size, and PostgreSQL, which does, accept and refuse the same input.
"""

from __future__ import annotations

from committee.domain.errors import InvalidInput

UNIT_CODE = 8
ERA = 8
UNIT_NAME = 120
UNIT_KIND = 20
LEVEL = 10
PERSON_NAME = 120
DECISION_NUMBER = 60
SIGNER = 120
STATUS = 10
ROLE = 24
TITLE = 300
POST_KIND = 60
PORTFOLIO = 12
PHONE = 40
DOCUMENT_KIND = 20
WRITER = 120  # who last changed a record: a database role or an operating-system user


def within_limit(value: str, limit: int, field: str, label: str) -> str:
    """`value` when it has at most `limit` characters; else InvalidInput naming the field
    and the limit."""
    if len(value) > limit:
        raise InvalidInput(
            field,
            f"{label} dài {len(value)} ký tự, quá giới hạn {limit} ký tự; hãy rút gọn.",
        )
    return value


# The shared register (committee.store.register, committee.store.audit).
DATABASE_ROLE = 63  # a PostgreSQL role name (NAMEDATALEN - 1)
AUDIT_ACTION = 32
AUDIT_RECORD_KIND = 32
