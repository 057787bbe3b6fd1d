"""The nine-box (PermenPANRB 3/2020 on ASN talent management): kinerja (performance,
rows) x potensi (potential, columns), boxes numbered as the regulation numbers them:

                         potensial rendah   potensial menengah   potensial tinggi
    di atas ekspektasi          4                   7                   9
    sesuai ekspektasi           2                   5                   8
    di bawah ekspektasi         1                   3                   6

Boxes 7, 8 and 9 are the talent pool (kelompok rencana suksesi). A person without an
SKP rating or without any potential measure is not placed (box None).
"""

from __future__ import annotations

from bangkom.career.domain.performance import PerformanceClass
from bangkom.career.domain.potential import PotentialClass

_BOXES = {
    (PerformanceClass.BELOW, PotentialClass.LOW): 1,
    (PerformanceClass.MEETS, PotentialClass.LOW): 2,
    (PerformanceClass.BELOW, PotentialClass.MEDIUM): 3,
    (PerformanceClass.ABOVE, PotentialClass.LOW): 4,
    (PerformanceClass.MEETS, PotentialClass.MEDIUM): 5,
    (PerformanceClass.BELOW, PotentialClass.HIGH): 6,
    (PerformanceClass.ABOVE, PotentialClass.MEDIUM): 7,
    (PerformanceClass.MEETS, PotentialClass.HIGH): 8,
    (PerformanceClass.ABOVE, PotentialClass.HIGH): 9,
}
_PERFORMANCE = {
    PerformanceClass.BELOW: "Kinerja di bawah ekspektasi",
    PerformanceClass.MEETS: "Kinerja sesuai ekspektasi",
    PerformanceClass.ABOVE: "Kinerja di atas ekspektasi",
}
_POTENTIAL = {
    PotentialClass.LOW: "potensial rendah",
    PotentialClass.MEDIUM: "potensial menengah",
    PotentialClass.HIGH: "potensial tinggi",
}
BOX_NAMES = {box: f"{_PERFORMANCE[p]} dan {_POTENTIAL[q]}" for (p, q), box in _BOXES.items()}
TALENT_POOL = frozenset({7, 8, 9})


def box_of(performance: PerformanceClass | None, potential: PotentialClass | None) -> int | None:
    if performance is None or potential is None:
        return None
    return _BOXES[(performance, potential)]


def box_name(box: int | None) -> str | None:
    return BOX_NAMES[box] if box is not None else None
