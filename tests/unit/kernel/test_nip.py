from datetime import date

import pytest

from bangkom.kernel.nip import EmploymentType, InvalidNip, parse_nip
from tests import factories

TODAY = date(2026, 11, 29)


def test_a_pns_nip_is_split_into_birth_date_tmt_gender_and_sequence() -> None:
    number = factories.nip(birth=date(1985, 3, 15), appointed=(2010, 1), gender=2, sequence=3)

    parsed = parse_nip(number, today=TODAY)

    assert parsed.value == "198503152010012003"
    assert parsed.employment_type is EmploymentType.PNS
    assert parsed.birth_date == date(1985, 3, 15)
    assert parsed.appointed == date(2010, 1, 1)
    assert parsed.gender_name == "perempuan"
    assert parsed.sequence == 3


def test_a_pppk_number_is_recognised_by_its_marker() -> None:
    number = factories.nip(birth=date(1990, 7, 1), appointed=(2023, 1), pppk=True)

    parsed = parse_nip(number, today=TODAY)

    assert parsed.employment_type is EmploymentType.PPPK
    assert parsed.appointed == date(2023, 1, 1)


def test_spaces_are_tolerated_as_people_type_them() -> None:
    assert parse_nip("19850315 201001 2 003", today=TODAY).value == "198503152010012003"


@pytest.mark.parametrize(
    ("number", "problem", "named_part"),
    [
        ("19850315201001200", "nip_length", "harus tepat 18 angka"),
        ("1985031520100120AB", "nip_length", "harus tepat 18 angka"),
        ("198502302010012003", "nip_birth_date", "tanggal lahir 1985-02-30"),
        ("198503152010132003", "nip_tmt_month", "bulan TMT CPNS 13"),
        ("198503152010003003", "nip_tmt_month", "bulan TMT CPNS 00"),
        ("198503152010013003", "nip_gender", "angka jenis kelamin (ke-15) 3"),
        ("198503152010011000", "nip_sequence", "nomor urut (3 angka terakhir) harus 001-999"),
        ("202712012030012001", "nip_birth_in_future", "tanggal lahir 2027-12-01 belum tiba"),
        ("198503152027012001", "nip_appointment_in_future", "pengangkatan 2027-01 belum tiba"),
        ("200503152010012003", "nip_age_at_appointment", "usia 4 tahun saat pengangkatan"),
        ("194003152010012003", "nip_age_at_appointment", "usia 69 tahun saat pengangkatan"),
        ("199007012015212001", "nip_pppk_year", "tahun pengangkatan NI PPPK 2015 sebelum 2019"),
    ],
)
def test_an_invalid_nip_is_refused_with_a_code_and_a_message_naming_the_problem(
    number: str, problem: str, named_part: str
) -> None:
    with pytest.raises(InvalidNip) as refused:
        parse_nip(number, today=TODAY)

    assert refused.value.problem == problem
    assert named_part in str(refused.value)
