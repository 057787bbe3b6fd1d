"""What the console shows in Bahasa Indonesia, and which pages each role sees."""

from datetime import UTC, date, datetime

import pytest

from bangkom.console.domain.dashboard import band, drill_depth
from bangkom.console.domain.navigation import home_for, may_open, menu_for
from bangkom.console.domain.profile import NOT_ASSESSED, chart, competency_rows
from bangkom.console.entrypoints.web.formatting import angka, layanan, level, tanggal


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (date(2026, 12, 5), "5 Desember 2026"),
        ("2026-03-01T09:00:00+07:00", "1 Maret 2026"),
        (datetime(2025, 12, 31, 17, 30, tzinfo=UTC), "1 Januari 2026"),  # 00:30 WIB
        (None, "-"),
    ],
)
def test_dates_read_as_in_indonesia_on_the_wib_calendar(value: object, shown: str) -> None:
    assert tanggal(value) == shown  # type: ignore[arg-type]


def test_numbers_use_a_dot_for_thousands_and_a_comma_for_decimals() -> None:
    assert angka(1234.5) == "1.234,5"
    assert angka(20, 0) == "20"
    assert angka(None) == "-"


def test_a_level_reads_level_n_and_never_assessed_is_not_zero() -> None:
    assert level(3) == "Level 3"
    assert level(None) == "belum dinilai"


def test_a_service_is_named_in_indonesian_then_by_the_name_it_is_run_by() -> None:
    assert layanan("training") == "Pelatihan (training)"
    assert layanan("recommendation") == "Rekomendasi (recommendation)"


STAFF_PAGES = [
    "/beranda",
    "/pegawai",
    "/usulan",
    "/survei",
    "/skm",
    "/katalog",
    "/evaluasi",
    "/kamus",
    "/impor",
]


@pytest.mark.parametrize(
    ("roles", "pages", "home"),
    [
        ({"employee"}, ["/profil"], "/profil"),
        ({"agency_operator"}, STAFF_PAGES, "/beranda"),
        ({"province_admin"}, STAFF_PAGES, "/beranda"),
        ({"service"}, [], "/masuk"),
    ],
)
def test_each_role_sees_only_the_pages_it_fits(
    roles: set[str], pages: list[str], home: str
) -> None:
    assert [page.path for page in menu_for(frozenset(roles))] == pages
    assert home_for(frozenset(roles)) == home
    assert may_open(frozenset(roles), "/pegawai") == ("/pegawai" in pages)


def test_competencies_never_assessed_read_belum_dinilai_with_no_gap() -> None:
    rows = competency_rows(
        [
            {
                "competency_code": "M.05",
                "competency_name": "Pelayanan Publik",
                "required_level": 3,
                "current_level": None,
            },
            {
                "competency_code": "M.01",
                "competency_name": "Integritas",
                "required_level": 3,
                "current_level": 2,
            },
        ]
    )

    assert [(r.code, r.gap, r.status) for r in rows] == [
        ("M.01", 1, "di bawah standar"),
        ("M.05", None, NOT_ASSESSED),
    ]
    bars = chart(rows, width=300)
    assert [(b.required_width, b.current_width) for b in bars] == [(180, 120), (180, None)]


@pytest.mark.parametrize(
    ("percent", "shown"),
    [
        (95.0, "baik"),
        (90.0, "baik"),
        (80.0, "cukup"),
        (50.0, "kurang"),
        (10.0, "rendah"),
        (None, "belum-dinilai"),
    ],
)
def test_the_heatmap_bands_say_how_many_meet_the_standard(
    percent: float | None, shown: str
) -> None:
    assert band(percent) == shown


def test_a_click_on_an_agency_rolls_up_one_level_below_it() -> None:
    assert drill_depth(None) is None
    assert drill_depth("12") == 2
    assert drill_depth("12.73") == 3
