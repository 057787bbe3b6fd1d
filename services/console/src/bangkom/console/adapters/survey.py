"""The survey service's API: training-needs surveys, their tracking and aggregated
needs, a respondent's form and response; the SKM periods of a unit."""

from __future__ import annotations

from bangkom.console.adapters.http import ServiceClient, query
from bangkom.console.handlers.ports import Json


class SurveyApi(ServiceClient):
    async def surveys(self, status: str | None) -> list[Json]:
        """The newest 100 surveys the person may see (employees: those they answer)."""
        return await self._items("survey", f"/surveys{query(limit=100, status=status)}")

    async def survey(self, survey_id: str) -> Json:
        found: Json = await self._get("survey", f"/surveys/{survey_id}", decides_access=True)
        return found

    async def plan_survey(self, campaign: Json) -> Json:
        planned: Json = await self._post("survey", "/surveys", campaign)
        return planned

    async def open_survey(self, survey_id: str) -> Json:
        opened: Json = await self._post("survey", f"/surveys/{survey_id}/open")
        return opened

    async def close_survey(self, survey_id: str) -> Json:
        closed: Json = await self._post("survey", f"/surveys/{survey_id}/close")
        return closed

    async def survey_tracking(self, survey_id: str) -> Json | None:
        found: Json | None = await self._get("survey", f"/surveys/{survey_id}/tracking")
        return found

    async def survey_waiting(self, survey_id: str) -> tuple[list[Json], bool]:
        """Respondents who have not answered yet (the first 50, for reminders)."""
        return await self._page(
            "survey", f"/surveys/{survey_id}/respondents?answered=false&limit=50"
        )

    async def survey_needs(self, survey_id: str) -> Json | None:
        found: Json | None = await self._get("survey", f"/surveys/{survey_id}/needs")
        return found

    async def survey_needs_xlsx(self, survey_id: str) -> bytes:
        return await self._download("survey", f"/surveys/{survey_id}/needs.xlsx")

    async def survey_form(self, survey_id: str, nip: str) -> Json:
        path = f"/surveys/{survey_id}/respondents/{nip}"
        found: Json = await self._get("survey", path, decides_access=True)
        return found

    async def survey_response(self, survey_id: str, nip: str) -> Json | None:
        found: Json | None = await self._get("survey", f"/surveys/{survey_id}/responses/{nip}")
        return found

    async def answer_survey(self, survey_id: str, nip: str, response: Json) -> Json:
        answered: Json = await self._put(
            "survey", f"/surveys/{survey_id}/responses/{nip}", response
        )
        return answered

    async def subordinates(self, survey_id: str) -> list[Json]:
        """The person's subordinates among the respondents (up to 200), rated or not."""
        return await self._items("survey", f"/surveys/{survey_id}/subordinates?limit=200")

    async def supervisor_rating(self, survey_id: str, nip: str) -> Json | None:
        path = f"/surveys/{survey_id}/supervisor-ratings/{nip}"
        found: Json | None = await self._get("survey", path)
        return found

    async def rate_subordinate(self, survey_id: str, nip: str, rating: Json) -> Json:
        path = f"/surveys/{survey_id}/supervisor-ratings/{nip}"
        rated: Json = await self._put("survey", path, rating)
        return rated

    async def satisfaction_periods(self) -> list[Json]:
        """The newest 100 SKM periods of the person's units."""
        return await self._items("survey", f"/satisfaction/periods{query(limit=100)}")

    async def satisfaction_period(self, period_id: str) -> Json:
        path = f"/satisfaction/periods/{period_id}"
        found: Json = await self._get("survey", path, decides_access=True)
        return found

    async def satisfaction_report(self, period_id: str) -> Json:
        path = f"/satisfaction/periods/{period_id}/report"
        found: Json = await self._get("survey", path, decides_access=True)
        return found

    async def satisfaction_report_file(self, period_id: str, kind: str) -> bytes:
        """``xlsx``, or a CSV table: ``csv:elements``, ``csv:groups``, ..."""
        path = f"/satisfaction/periods/{period_id}/report"
        if kind == "xlsx":
            return await self._download("survey", f"{path}.xlsx")
        return await self._download("survey", f"{path}.csv{query(table=kind.split(':', 1)[1])}")
