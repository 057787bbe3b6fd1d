"""Which pages a person sees, by role: each page only to the roles it fits."""

from __future__ import annotations

from dataclasses import dataclass

PROVINCE_ADMIN = "province_admin"
AGENCY_OPERATOR = "agency_operator"
EMPLOYEE = "employee"
STAFF = frozenset({PROVINCE_ADMIN, AGENCY_OPERATOR})


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    roles: frozenset[str]


PAGES: tuple[Page, ...] = (
    Page("/beranda", "Beranda", STAFF),
    Page("/pegawai", "Pegawai", STAFF),
    Page("/usulan", "Usulan pelatihan", STAFF),
    Page("/survei", "Survei kebutuhan", STAFF),
    Page("/skm", "Survei kepuasan", STAFF),
    Page("/katalog", "Katalog", STAFF),
    Page("/evaluasi", "Evaluasi", STAFF),
    Page("/kamus", "Kamus dan standar", STAFF),
    Page("/impor", "Impor", STAFF),
    Page("/profil", "Profil saya", frozenset({EMPLOYEE})),
)


def menu_for(roles: frozenset[str]) -> list[Page]:
    return [page for page in PAGES if page.roles & roles]


def home_for(roles: frozenset[str]) -> str:
    """Where a person lands after signing in."""
    menu = menu_for(roles)
    return menu[0].path if menu else "/masuk"


def may_open(roles: frozenset[str], path: str) -> bool:
    return any(page.path == path and page.roles & roles for page in PAGES)
