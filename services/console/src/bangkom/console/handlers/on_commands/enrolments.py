"""Enrolling an employee of the person's agencies into a session, and recording how
they completed it (JP go to their ledger; the post-training evaluation follows)."""

from __future__ import annotations

import re

from bangkom.console.domain.catalog import OUTCOMES
from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json, Refused
from bangkom.console.handlers.viewer import Viewer

NIP = re.compile(r"^\d{18}$")


async def enrol(apis: Apis, viewer: Viewer, session_code: str, nip: str) -> Json:
    require_staff(viewer)
    if not NIP.match(nip.strip()):
        raise Refused("NIP terdiri atas 18 angka.")
    if not session_code:
        raise Refused("Pilih sesi.")
    return await apis.enrol(session_code, nip.strip())


async def complete(apis: Apis, viewer: Viewer, enrolment_id: str, outcome: str) -> Json:
    require_staff(viewer)
    if outcome not in OUTCOMES:
        raise Refused("Pilih hasil: hadir, lulus atau tidak lulus.")
    return await apis.complete(enrolment_id, outcome)
