"""Load a small demo data set of Kota Pematangsiantar through the public REST APIs.

Three agencies, positions with their competency standards, a dozen employees,
a training catalog and a few assessment results: enough for gaps and proposals
to appear in the recommendation service within seconds.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta

import httpx

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.settings import ServiceSettings

EVALUATION = os.environ.get("DEMO_EVALUATION_URL", "http://127.0.0.1:8001")
TRAINING = os.environ.get("DEMO_TRAINING_URL", "http://127.0.0.1:8002")

REGIONS = [
    {"code": "12", "name": "Provinsi Sumatera Utara", "kind": "province"},
    {"code": "12.73", "name": "Kota Pematangsiantar", "kind": "city", "parent_code": "12"},
]
AGENCIES = {
    "12.73.BKPSDM": "Badan Kepegawaian dan Pengembangan SDM",
    "12.73.DINKES": "Dinas Kesehatan",
    "12.73.DISDUKCAPIL": "Dinas Kependudukan dan Pencatatan Sipil",
}
# (suffix, name, position type, overrides of the type's default standard)
POSITIONS = [
    ("KABID", "Kepala Bidang", "administrator", {}),
    ("KASUBBAG", "Kepala Subbagian", "pengawas", {"M.05": 3}),
    ("ANALIS", "Analis Sumber Daya Manusia Aparatur", "fungsional_ahli_muda", {"M.03": 3}),
]
EMPLOYEES = [
    ("198503152010012003", "Rina Siregar", "12.73.BKPSDM", "KABID"),
    ("199001012015031002", "Andi Simanjuntak", "12.73.BKPSDM", "ANALIS"),
    ("198807222012122001", "Maria Sinaga", "12.73.BKPSDM", "KASUBBAG"),
    ("197912302005011004", "Budi Damanik", "12.73.DINKES", "KABID"),
    ("199203142019032006", "Sari Purba", "12.73.DINKES", "ANALIS"),
    ("198611052011011002", "Hendra Saragih", "12.73.DINKES", "KASUBBAG"),
    ("199405202020122004", "Dewi Nainggolan", "12.73.DISDUKCAPIL", "ANALIS"),
    ("198102172006041003", "Rudi Manurung", "12.73.DISDUKCAPIL", "KABID"),
    ("199507082023212005", "Lestari Hutagalung", "12.73.DISDUKCAPIL", "ANALIS"),
]
COURSES = [
    ("PEL-PP", "Pelatihan Pelayanan Publik Prima", "M.05", 1, 3, 24, "klasikal", 1_500_000),
    ("PEL-INT", "Penguatan Integritas ASN", "M.01", 1, 3, 16, "e_learning", 0),
    ("PEL-KOM", "Komunikasi Efektif di Lingkungan Kerja", "M.03", 1, 2, 12, "blended", 500_000),
    ("PEL-KEP", "Pengambilan Keputusan Berbasis Data", "M.08", 2, 4, 32, "klasikal", 3_000_000),
    ("PEL-PB", "Wawasan Kebangsaan dan Perekat Bangsa", "SK.01", 1, 3, 20, "seminar", 250_000),
]
# (nip, competency, level assessed)
RESULTS = [
    ("198503152010012003", "M.05", 1),
    ("198503152010012003", "M.01", 2),
    ("199001012015031002", "M.03", 1),
    ("197912302005011004", "M.08", 2),
    ("199203142019032006", "SK.01", 1),
    ("198102172006041003", "M.05", 3),
]


def _check(response: httpx.Response) -> None:
    if response.status_code >= 400:
        sys.exit(
            f"demo data refused: {response.request.method} {response.request.url}: "
            f"{response.status_code} {response.text}"
        )


def main() -> None:
    token = mint_dev_token(ServiceSettings(), subject="demo-loader", roles=[Role.PROVINCE_ADMIN])
    headers = {"Authorization": f"Bearer {token}"}
    evaluated_at = (datetime.now(UTC) - timedelta(days=7)).isoformat()
    with httpx.Client(headers=headers, timeout=30) as http:
        for region in REGIONS:
            _check(http.put(f"{EVALUATION}/agencies", json=region))
        for agency, agency_name in AGENCIES.items():
            _check(
                http.put(
                    f"{EVALUATION}/agencies",
                    json={
                        "code": agency,
                        "name": agency_name,
                        "kind": "agency",
                        "parent_code": "12.73",
                    },
                )
            )
            for suffix, name, position_type, overrides in POSITIONS:
                _check(
                    http.put(
                        f"{EVALUATION}/positions",
                        json={
                            "code": f"{agency}-{suffix}",
                            "name": f"{name} ({agency_name})",
                            "agency_code": agency,
                            "position_type": position_type,
                            "overrides": overrides,
                        },
                    )
                )
        for nip, name, agency, suffix in EMPLOYEES:
            _check(
                http.put(
                    f"{EVALUATION}/employees",
                    json={
                        "nip": nip,
                        "name": name,
                        "agency_code": agency,
                        "position_code": f"{agency}-{suffix}",
                    },
                )
            )
        for code, title, competency, level_from, level_to, jp, mode, cost in COURSES:
            _check(
                http.put(
                    f"{TRAINING}/courses",
                    json={
                        "code": code,
                        "title": title,
                        "jp": jp,
                        "mode": mode,
                        "cost": cost,
                        "provider": "BPSDM Provinsi Sumatera Utara",
                        "competencies": [
                            {
                                "competency_code": competency,
                                "level_from": level_from,
                                "level_to": level_to,
                            }
                        ],
                    },
                )
            )
        for nip, competency, level in RESULTS:
            _check(
                http.post(
                    f"{EVALUATION}/results",
                    json={
                        "nip": nip,
                        "competency_code": competency,
                        "level": level,
                        "method": "assessment_center",
                        "evaluated_at": evaluated_at,
                        "assessor": "UPT Penilaian Kompetensi",
                    },
                )
            )
    print(
        f"demo data: {len(AGENCIES)} agencies, {len(AGENCIES) * len(POSITIONS)} positions, "
        f"{len(EMPLOYEES)} employees, {len(COURSES)} courses, {len(RESULTS)} results"
    )


if __name__ == "__main__":
    main()
