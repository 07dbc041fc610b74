"""The clerks of a shared PostgreSQL register: made, listed, given units, removed, by its
administrator (committee.store.register has the database side: roles, rights, scopes)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlmodel import Session

from committee.domain.errors import InvalidInput, NotAnAdministrator, RegisterNeedsServer
from committee.domain.records import ClerkRecord
from committee.domain.vocabulary import DEFAULT_ERA, Era
from committee.store import register
from committee.store.concurrency import writer_name
from committee.store.models import Clerk, ClerkScope, ClerkUnit
from committee.usecases.units import get_unit, to_ref


def _administrator(session: Session) -> None:
    connection = session.connection()
    if not register.is_server(connection):
        raise RegisterNeedsServer(
            "Cán bộ và phạm vi đơn vị chỉ có trên sổ đăng ký dùng chung PostgreSQL; tệp SQLite "
            "do một người dùng. Hãy chọn máy chủ bằng --db postgresql://…"
        )
    if not register.is_administrator(connection):
        raise NotAnAdministrator(
            f"Chỉ người quản trị sổ đăng ký mới quản lý được cán bộ; tài khoản "
            f"«{register.current_role(connection)}» không phải người quản trị. Không có gì "
            "bị thay đổi."
        )


def _clerk(session: Session, login: str) -> Clerk:
    clerk = session.get(Clerk, register.checked_role_name(login))
    if clerk is None:
        raise InvalidInput("login", f"Không có cán bộ «{login}» trong sổ đăng ký này.")
    return clerk


def _record(session: Session, clerk: Clerk) -> ClerkRecord:
    scopes = session.exec(select(ClerkScope).where(ClerkScope.role == clerk.role)).scalars()  # type: ignore[call-overload]
    writes, reads = [], []
    for scope in sorted(scopes, key=lambda s: (s.unit_era, s.unit_code)):
        unit = to_ref(get_unit(session, scope.unit_code, Era(scope.unit_era)))
        (writes if scope.writable else reads).append(unit)
    units = session.execute(select(ClerkUnit.unit_code).where(ClerkUnit.role == clerk.role)).all()
    return ClerkRecord(
        clerk.role, clerk.read_only, clerk.read_all, tuple(writes), tuple(reads), len(units)
    )


def add_clerk(
    session: Session,
    login: str,
    unit_code: str | None,
    era: Era = DEFAULT_ERA,
    *,
    read_only: bool = False,
    read_all: bool = False,
    password: str | None = None,
) -> ClerkRecord:
    """Make `login` a clerk writing `unit_code` and the units under it (a read-only clerk
    writes nothing and reads every unit). The role is created when the server has none
    of that name, with `password` when one is given; an existing role keeps its own way
    of logging in."""
    _administrator(session)
    role = register.checked_role_name(login)
    if session.get(Clerk, role) is not None:
        raise InvalidInput("login", f"«{role}» đã là cán bộ của sổ đăng ký này.")
    if unit_code is None and not read_only:
        raise InvalidInput("unit", "Hãy cho biết đơn vị cán bộ được ghi: --unit MÃ.")
    unit = get_unit(session, unit_code, era) if unit_code is not None else None
    connection = session.connection()
    if register.is_administrator(connection) and register.current_role(connection) == role:
        raise InvalidInput("login", "Người quản trị không tự làm cán bộ được; hãy dùng tên khác.")
    if not register.role_exists(connection, role):
        register.create_login(connection, role, password)
    session.add(
        Clerk(
            role=role,
            read_only=read_only,
            read_all=read_only or read_all,
            created_by=writer_name(connection),
        )
    )
    session.flush()
    if unit is not None:
        session.add(
            ClerkScope(role=role, unit_era=unit.era, unit_code=unit.code, writable=not read_only)
        )
        session.flush()
    register.flatten_scopes(connection, role)
    register.grant_rights(connection, role, read_only)
    return _record(session, _clerk(session, role))


def grant_read(
    session: Session, login: str, unit_code: str | None, era: Era = DEFAULT_ERA
) -> ClerkRecord:
    """Let a clerk read `unit_code` and the units under it too, or every unit (None)."""
    _administrator(session)
    clerk = _clerk(session, login)
    if unit_code is None:
        clerk.read_all = True
        session.add(clerk)
    else:
        unit = get_unit(session, unit_code, era)
        if session.get(ClerkScope, (clerk.role, unit.era, unit.code)) is None:
            session.add(
                ClerkScope(role=clerk.role, unit_era=unit.era, unit_code=unit.code, writable=False)
            )
    session.flush()
    register.flatten_scopes(session.connection(), clerk.role)
    return _record(session, clerk)


def list_clerks(session: Session) -> list[ClerkRecord]:
    _administrator(session)
    clerks = session.execute(select(Clerk).order_by(Clerk.role)).scalars()
    return [_record(session, clerk) for clerk in clerks]


def remove_clerk(session: Session, login: str, *, keep_role: bool = False) -> None:
    """Take a clerk's units and rights away, and drop its role unless `keep_role`. Its
    audit entries stay, under its name."""
    _administrator(session)
    clerk = _clerk(session, login)
    connection = session.connection()
    for model in (ClerkUnit, ClerkScope):
        session.execute(delete(model).where(model.role == clerk.role))  # type: ignore[attr-defined]
    session.delete(clerk)
    session.flush()
    register.revoke_rights(connection, clerk.role)
    if not keep_role:
        register.drop_login(connection, clerk.role)
