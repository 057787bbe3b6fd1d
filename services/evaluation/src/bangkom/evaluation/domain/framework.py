"""The competency framework: the dictionary and the default required level per
position type, published in versions. Old versions stay readable; a new version
recalculates the standards (and so the gaps) it changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from bangkom.evaluation.domain.competency import (
    InvalidCompetency,
    check_competency_code,
    check_level,
    is_technical,
)
from bangkom.kernel.levels import LEVELS, MAX_LEVEL, MIN_LEVEL


class CompetencyGroup(StrEnum):
    MANAJERIAL = "manajerial"
    SOSIAL_KULTURAL = "sosial_kultural"
    TEKNIS = "teknis"


class PositionType(StrEnum):
    JPT_UTAMA = "jpt_utama"
    JPT_MADYA = "jpt_madya"
    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    FUNGSIONAL_AHLI_UTAMA = "fungsional_ahli_utama"
    FUNGSIONAL_AHLI_MADYA = "fungsional_ahli_madya"
    FUNGSIONAL_AHLI_MUDA = "fungsional_ahli_muda"
    FUNGSIONAL_AHLI_PERTAMA = "fungsional_ahli_pertama"
    FUNGSIONAL_PENYELIA = "fungsional_penyelia"
    FUNGSIONAL_MAHIR = "fungsional_mahir"
    FUNGSIONAL_TERAMPIL = "fungsional_terampil"
    FUNGSIONAL_PEMULA = "fungsional_pemula"


class InvalidFramework(ValueError):
    """A framework version that cannot be published as it is."""


@dataclass(frozen=True)
class Competency:
    code: str
    name: str
    group: CompetencyGroup
    description: str
    levels: Mapping[int, str]
    agency_code: str | None = None
    # A technical competency's managerial or socio-cultural neighbours (CASE isRelatedTo).
    related: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_competency_code(self.code)
        if self.related and (
            self.group is not CompetencyGroup.TEKNIS
            or any(is_technical(check_competency_code(code)) for code in self.related)
        ):
            raise InvalidCompetency(
                f"{self.code}: only a technical competency relates to others, and only to "
                "managerial or socio-cultural ones"
            )
        if sorted(self.levels) != list(LEVELS) or not all(
            text.strip() for text in self.levels.values()
        ):
            raise InvalidCompetency(
                f"{self.code}: describe each of the levels {MIN_LEVEL}-{MAX_LEVEL}"
            )
        technical = self.group is CompetencyGroup.TEKNIS
        if technical != is_technical(self.code):
            raise InvalidCompetency(
                f"{self.code}: group {self.group} does not match the code "
                "(technical competencies are T.<agency>.<n>)"
            )
        if technical and (
            not self.agency_code or not self.code.startswith(f"T.{self.agency_code}.")
        ):
            raise InvalidCompetency(
                f"{self.code}: a technical competency of agency {self.agency_code} must be "
                f"coded T.{self.agency_code}.<n>"
            )


@dataclass(frozen=True)
class TechnicalDefinition:
    """A technical competency as its agency last defined it."""

    competency: Competency
    version: int
    changed_at: datetime


@dataclass(frozen=True)
class Framework:
    version: int
    competencies: Mapping[str, Competency]
    defaults: Mapping[PositionType, Mapping[str, int]]
    published_at: datetime
    note: str | None = field(default=None, compare=False)
    # Readable without a token at the CASE paths; each version is marked on its own.
    public: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        if any(c.group is CompetencyGroup.TEKNIS for c in self.competencies.values()):
            raise InvalidFramework("technical competencies are defined per agency, not here")
        missing = set(PositionType) - set(self.defaults)
        if missing:
            raise InvalidFramework(
                "default levels missing for position types: " + ", ".join(sorted(missing))
            )
        for position_type, levels in self.defaults.items():
            for code, level in levels.items():
                if code not in self.competencies:
                    raise InvalidFramework(f"{position_type}: unknown competency {code}")
                check_level(level)

    def required_for(self, position_type: PositionType) -> dict[str, int]:
        return dict(self.defaults[position_type])

    def name_of(self, code: str) -> str | None:
        competency = self.competencies.get(code)
        return competency.name if competency else None

    def next_version(
        self,
        *,
        published_at: datetime,
        competencies: Mapping[str, Competency] | None = None,
        defaults: Mapping[PositionType, Mapping[str, int]] | None = None,
        note: str | None = None,
        public: bool = False,
    ) -> Framework:
        """The version after this one: the dictionary replaced when given, the defaults
        of the position types given replaced, everything else carried over (but not the
        public mark: each version is made public on its own)."""
        return replace(
            self,
            version=self.version + 1,
            competencies=dict(competencies) if competencies is not None else self.competencies,
            defaults={**self.defaults, **(defaults or {})},
            published_at=published_at,
            note=note,
            public=public,
        )

    def types_changed_since(self, older: Framework) -> set[PositionType]:
        """Position types whose default standard differs from the older version."""
        return {t for t in PositionType if dict(self.defaults[t]) != dict(older.defaults[t])}
