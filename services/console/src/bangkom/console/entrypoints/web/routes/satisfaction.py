"""Survei kepuasan masyarakat. For the public, outside the signed-in area: a unit's form
(/kepuasan/<period>), its answer, and the period's QR code. For the unit's HR office:
its periods and a printable page with the QR code that leads to the form."""

from __future__ import annotations

import re
import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from bangkom.console.domain import satisfaction as skm
from bangkom.console.entrypoints.web.pages import (
    ApisDep,
    PublicSurveyDep,
    RenderDep,
    ViewerDep,
    redirect,
    require_page,
)
from bangkom.console.entrypoints.web.qr import qr_svg
from bangkom.console.entrypoints.web.session import csrf_valid
from bangkom.console.handlers.on_commands.satisfaction import answer_publicly
from bangkom.console.handlers.ports import AnswerRefused, ServiceUnavailable
from bangkom.console.handlers.queries import satisfaction as queries
from bangkom.platform.web.attachments import attachment

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERIOD_ID = re.compile(r"^[0-9a-f-]{36}$")
CHOICES = {
    "ratings": skm.RATINGS,
    "genders": skm.GENDERS,
    "age_bands": skm.AGE_BANDS,
    "education": skm.EDUCATION,
    "limits": {
        "occupation": skm.OCCUPATION_MAX,
        "service": skm.SERVICE_MAX,
        "suggestion": skm.SUGGESTION_MAX,
    },
}


def form_url(request: Request, period_id: str) -> str:
    """The form's address as the public's phones reach it."""
    base = request.app.state.settings.public_url or str(request.base_url)
    return f"{base.rstrip('/')}/kepuasan/{period_id}"


def _not_found(request: Request, render: RenderDep) -> Response:
    return render(request, "kepuasan_tidak_ada.html", {}, 404)


def _form(
    request: Request,
    render: RenderDep,
    period: dict[str, object],
    *,
    sent: dict[str, str] | None = None,
    error: str | None = None,
    code: int = 200,
) -> Response:
    context = {
        "period": period,
        "sent": sent or {},
        "error": error,
        # Made when the form is shown: the same form sent twice is stored once.
        "submission_id": (sent or {}).get("submission_id") or str(uuid.uuid4()),
        **CHOICES,
    }
    return render(request, "kepuasan.html", context, code)


@router.get("/kepuasan/{period_id}", response_class=HTMLResponse)
async def public_form(
    request: Request, period_id: str, public: PublicSurveyDep, render: RenderDep
) -> Response:
    found = await queries.public_form(public, period_id) if PERIOD_ID.match(period_id) else None
    if found is None:
        return _not_found(request, render)
    return _form(request, render, found)


@router.post("/kepuasan/{period_id}", response_class=HTMLResponse)
async def public_answer(
    request: Request, period_id: str, public: PublicSurveyDep, render: RenderDep
) -> Response:
    found = await queries.public_form(public, period_id) if PERIOD_ID.match(period_id) else None
    if found is None:
        return _not_found(request, render)
    sent = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    if not csrf_valid(request, sent.get("csrf_token")):
        stale = "Formulir ini kedaluwarsa; jawaban belum terkirim. Silakan kirim sekali lagi."
        return _form(request, render, found, sent=sent, error=stale, code=403)
    submission_id = sent.get("submission_id", "")
    if not PERIOD_ID.match(submission_id):
        submission_id = str(uuid.uuid4())
    try:
        await answer_publicly(public, found, sent, submission_id)
    except skm.InvalidAnswer as invalid:
        return _form(request, render, found, sent=sent, error=str(invalid), code=422)
    except AnswerRefused as refused:
        message = skm.refusal(refused.status, refused.retry_after)
        response = _form(request, render, found, sent=sent, error=message, code=refused.status)
        if refused.retry_after:
            response.headers["Retry-After"] = str(refused.retry_after)
        return response
    except ServiceUnavailable:
        busy = "Layanan survei sedang tidak tersedia; silakan coba lagi nanti."
        return _form(request, render, found, sent=sent, error=busy, code=503)
    return redirect(f"/kepuasan/{period_id}/terima-kasih")


@router.get("/kepuasan/{period_id}/terima-kasih", response_class=HTMLResponse)
async def thanks(request: Request, period_id: str, render: RenderDep) -> Response:
    return render(request, "kepuasan_terima_kasih.html", {})


@router.get("/kepuasan/{period_id}/qr.svg")
async def public_qr(request: Request, period_id: str, public: PublicSurveyDep) -> Response:
    """The period's QR code (an SVG to print or put on a poster); only for a period
    that exists."""
    found = await queries.public_form(public, period_id) if PERIOD_ID.match(period_id) else None
    if found is None:
        return Response(status_code=404)
    svg = qr_svg(form_url(request, period_id))
    return Response(svg, media_type="image/svg+xml")


@router.get("/skm", response_class=HTMLResponse)
async def periods(
    request: Request, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    require_page(viewer, "/skm")
    try:
        found, unavailable = await queries.satisfaction_periods(apis, viewer), []
    except ServiceUnavailable as down:
        found, unavailable = [], [down.service]
    context = {"periods": found, "unavailable": unavailable, "status": skm.PERIOD_STATUS}
    return render(request, "skm.html", context)


@router.get("/skm/{period_id}/cetak", response_class=HTMLResponse)
async def printable(
    request: Request, period_id: str, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    """A page to print and put at the unit's counter: the QR code and the address."""
    require_page(viewer, "/skm")
    if not PERIOD_ID.match(period_id):
        return redirect("/skm")
    period = await queries.satisfaction_period(apis, viewer, period_id)
    context = {"period": period, "url": form_url(request, period_id)}
    return render(request, "skm_cetak.html", context)


@router.get("/skm/{period_id}/laporan", response_class=HTMLResponse)
async def report(
    request: Request, period_id: str, viewer: ViewerDep, apis: ApisDep, render: RenderDep
) -> Response:
    """Results per element, per group of respondents and per period, with downloads."""
    require_page(viewer, "/skm")
    if not PERIOD_ID.match(period_id):
        return redirect("/skm")
    found = await queries.satisfaction_report(apis, viewer, period_id)
    context = {"report": found, "tables": skm.REPORT_TABLES, "status": skm.PERIOD_STATUS}
    return render(request, "skm_laporan.html", context)


@router.get("/skm/{period_id}/laporan.xlsx")
async def report_workbook(period_id: str, viewer: ViewerDep, apis: ApisDep) -> Response:
    require_page(viewer, "/skm")
    if not PERIOD_ID.match(period_id):
        return redirect("/skm")
    content = await queries.satisfaction_report_file(apis, viewer, period_id, "xlsx")
    return _download(content, XLSX, f"laporan-skm-{period_id[:8]}.xlsx")


@router.get("/skm/{period_id}/laporan-{table}.csv")
async def report_table(period_id: str, table: str, viewer: ViewerDep, apis: ApisDep) -> Response:
    require_page(viewer, "/skm")
    if not PERIOD_ID.match(period_id) or table not in skm.REPORT_TABLES:
        return redirect("/skm")
    kind = f"csv:{skm.REPORT_TABLES[table]}"
    content = await queries.satisfaction_report_file(apis, viewer, period_id, kind)
    return _download(content, "text/csv; charset=utf-8", f"skm-{period_id[:8]}-{table}.csv")


def _download(content: bytes, media_type: str, filename: str) -> Response:
    headers = attachment(filename)
    return Response(content, media_type=media_type, headers=headers)
