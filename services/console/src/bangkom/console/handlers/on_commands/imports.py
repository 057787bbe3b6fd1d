"""Uploading a roster or results file to the evaluation service, which imports it in
the background and reports every row it refuses."""

from __future__ import annotations

from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json, Refused
from bangkom.console.handlers.viewer import Viewer

KINDS = {"roster": "Daftar pegawai", "results": "Hasil penilaian"}


async def start_import(
    apis: Apis, viewer: Viewer, kind: str, filename: str, content: bytes
) -> Json:
    require_staff(viewer)
    if kind not in KINDS:
        raise Refused("Pilih jenis berkas: daftar pegawai atau hasil penilaian.")
    if not content:
        raise Refused("Pilih berkas CSV atau XLSX untuk diunggah.")
    return await apis.upload_import(kind, filename, content)
