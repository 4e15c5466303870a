"""The numbers of one fictional disclosure, drawn so that everything adds up.

Amounts are integers in hundredths of 万元 (``c``): 1 c = 0.01 万元 = 100 元, so sums are exact.
A unit's base figures come from a generator seeded by the unit, a year's projects from one seeded by
the unit and year (a year's budget and final accounts fund the same projects), a document's drift
from one seeded by the document, so the same document comes out the same whatever else is in the
corpus. A document also knows what it is compared with: last year's document of its kind and, in
final accounts, the year's budget (its 年初预算).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from samples.indicators import Indicator, evaluate, indicators
from samples.ledger import SUBSIDY_CLASS, USES, Assets, Procurement, apportion, assets, basic_items, procurement
from samples.world import (
    DEPARTMENTS,
    DUTIES,
    POLICIES,
    PROJECT_KINDS,
    SCALE_PREFECTURES,
    STANDARD_FORMS,
    SUBORDINATES,
    Policy,
    ProjectKind,
    Unit,
    prefecture_rules,
)

BUDGET = "BUDGET"
FINAL = "FINAL_ACCOUNTS"

OPS_CODE = {"社会保险中心": "2080109", "就业服务中心": "2080150", "医疗保障服务中心": "2101550"}
# basic-expenditure lines other than operations, as a share of the operations line
_BASIC_SHARES = (
    ("2080505", 0.16),
    ("2080506", 0.08),
    ("2101102", 0.07),
    ("2101103", 0.015),
    ("2210201", 0.1),
)
_ALLOCATED = ("retiree", "heating", "interns", "posts", "med_aid")


@dataclass(frozen=True)
class Project:
    kind: ProjectKind
    base_name: str
    budget: int
    bases: tuple[Policy, ...]
    allocation: Policy | None
    alloc_in_name: bool
    people: int | None
    uses: tuple[tuple[str, int], ...]  # 资金分配情况 items of a service project
    indicators: tuple[Indicator, ...]
    standard: str | None = None  # 补贴标准 as this document writes it
    executed: int | None = None
    exec_score: int | None = None  # hundredths
    described: bool = True
    """Described in the 情况说明 (and a book's 项目经费情况说明) with its 绩效目标表; a budget book lists
    one project in its 项目支出表 alone."""
    carried: int = 0
    """上年结转: the part of its budget carried over from last year (a budget book's 上年结转 row)."""

    @property
    def name(self) -> str:
        """The name with any allocation number in canonical form."""
        if self.alloc_in_name and self.allocation:
            return self.base_name + self.allocation.doc_number
        return self.base_name

    @property
    def spent(self) -> int:
        return self.budget if self.executed is None else self.executed

    @property
    def score(self) -> int | None:
        if self.exec_score is None:
            return None
        return self.exec_score + sum(i.score or 0 for i in self.indicators)

    @property
    def columns(self) -> tuple[tuple[str, int], ...]:
        """What it spends by 经济分类 class (the 项目支出表's columns): its uses' classes, or the
        class its subsidy is paid under; final accounts spread what was spent the same way."""
        if self.kind.subsidy:
            return ((SUBSIDY_CLASS.get(self.kind.key, "303"), self.spent),)
        planned: dict[str, int] = {}
        for label, amount in self.uses:
            planned[USES[label]] = planned.get(USES[label], 0) + amount
        return apportion(sorted(planned.items()), self.spent)


@dataclass(frozen=True)
class Line:
    code: str
    basic: int
    project: int

    @property
    def total(self) -> int:
        return self.basic + self.project


@dataclass(frozen=True)
class Baseline:
    """Figures of another document this one is compared with (last year's, or the 年初预算)."""

    total: int
    lines: tuple[tuple[str, int], ...]  # 功能分类 code, total
    car: int
    reception: int

    def line(self, code: str) -> int:
        return dict(self.lines).get(code, 0)


@dataclass(frozen=True)
class Wording:
    """Choices of the template's wording that change what a document states."""

    national: bool  # final accounts: each 项 against its 年初预算 (完成率), not against last year
    vehicles_combined: bool  # "三公": 公务用车购置及运行费, 其中 购置费/运行费
    economic_classes: bool  # the 基本支出表 prints 类 rows above its 款 rows


@dataclass(frozen=True)
class DocPlan:
    unit: Unit
    year: int
    kind: str
    departments: tuple[str, ...]
    duties: tuple[str, ...]
    subordinates: tuple[str, ...]
    staff: tuple[int, int, int, int]  # 编制数, 在职, 退休, 离休
    staff_change: tuple[int, int]
    lines: tuple[Line, ...]
    projects: tuple[Project, ...]
    public_fee: int
    car: int
    reception: int
    economic: tuple[tuple[str, int], ...]  # 基本支出 by 5-digit 经济分类 item
    carryover: int  # 上年结转结余 (budget) / 年初结转和结余 (final accounts)
    procurement: Procurement
    assets: Assets
    wording: Wording
    prior: Baseline | None = None
    initial: Baseline | None = None  # final accounts: the year's budget

    @property
    def unit_name(self) -> str:
        return self.unit.name_in(self.year)

    @property
    def basic(self) -> int:
        return sum(line.basic for line in self.lines)

    @property
    def project_total(self) -> int:
        return sum(line.project for line in self.lines)

    @property
    def total(self) -> int:
        return self.basic + self.project_total

    @property
    def transfer(self) -> int:
        return sum(p.spent for p in self.projects if p.allocation)

    @property
    def three_public(self) -> int:
        return self.car + self.reception

    @property
    def personnel(self) -> int:
        return self.basic - self.public_fee


def plan_document(unit: Unit, year: int, kind: str, seed: int) -> DocPlan:
    plan = _draw(unit, year, kind, seed)
    initial = _baseline(_draw(unit, year, BUDGET, seed)) if kind == FINAL else None
    return replace(plan, prior=_baseline(_draw(unit, year - 1, kind, seed)), initial=initial)


def _baseline(plan: DocPlan) -> Baseline:
    return Baseline(plan.total, tuple((ln.code, ln.total) for ln in plan.lines), plan.car, plan.reception)


def _draw(unit: Unit, year: int, kind: str, seed: int) -> DocPlan:
    base = random.Random(f"{seed}/{unit.key}")
    year_rng = random.Random(f"{seed}/{unit.key}/{year}")
    rng = random.Random(f"{seed}/{unit.key}/{year}/{kind}")
    departments = _ordered_sample(base, DEPARTMENTS[unit.category], base.randint(3, 6))
    duties = _ordered_sample(base, DUTIES[unit.category], base.randint(3, 5))
    authorized = base.randint(12, 60)
    in_service = max(5, authorized - base.randint(0, 4) + rng.randint(-2, 2))
    retired = base.randint(5, 40) + max(0, year - 2023)
    lixiu = base.choice((0, 0, 0, 1, 2))
    place = unit.county or SCALE_PREFECTURES[unit.prefecture][0]
    subordinates = tuple(place + name for name in SUBORDINATES[unit.category]) if base.random() < 0.3 else ()
    ops = int(base.randint(9000, 60000) * (1 + 0.04 * (year - 2023)) * rng.uniform(0.95, 1.05))
    projects = tuple(_project(unit, pk, year, kind, base, year_rng, seed) for pk in _kinds_for(unit, year_rng))
    if kind == FINAL:
        projects = tuple(_evaluate(p, year, rng) for p in projects)
    lines = _lines(unit, ops, projects, rng)
    car, reception = rng.choice((0, rng.randint(80, 600))), rng.choice((0, rng.randint(5, 150)))
    public_fee = car + reception + int(ops * rng.uniform(0.06, 0.15))
    basic = {line.code: line.basic for line in lines if line.basic}
    return DocPlan(
        unit=unit,
        year=year,
        kind=kind,
        departments=departments,
        duties=duties,
        subordinates=subordinates,
        staff=(authorized, in_service, retired, lixiu),
        staff_change=(rng.randint(-2, 2), rng.randint(0, 3)),
        lines=lines,
        projects=projects,
        public_fee=public_fee,
        car=car,
        reception=reception,
        economic=basic_items(basic, ops, public_fee, car, reception, rng),
        carryover=int(sum(basic.values()) * rng.uniform(0.01, 0.04)) if rng.random() < 0.3 else 0,
        procurement=procurement(rng),
        assets=assets(rng.randint(1, 3) if car else 0, rng),
        wording=Wording(rng.random() < 0.5, rng.random() < 0.5, rng.random() < 0.7),
    )


def _ordered_sample(rng: random.Random, pool: tuple[str, ...], k: int) -> tuple[str, ...]:
    chosen = set(rng.sample(pool, k))
    return tuple(x for x in pool if x in chosen)


def _kinds_for(unit: Unit, rng: random.Random) -> list[ProjectKind]:
    kinds = PROJECT_KINDS[unit.category]
    kept = [pk for pk in kinds if pk.subsidy or rng.random() < 0.75]
    return kept if any(not pk.subsidy for pk in kept) else [*kept, next(pk for pk in kinds if not pk.subsidy)]


def _lines(unit: Unit, ops: int, projects: tuple[Project, ...], rng: random.Random) -> tuple[Line, ...]:
    basic = {OPS_CODE[unit.category]: ops}
    for code, share in _BASIC_SHARES:
        if code != "2101103" or unit.category == "社会保险中心":
            basic[code] = int(ops * share * rng.uniform(0.9, 1.1))
    spent: dict[str, int] = {}
    for p in projects:
        spent[p.kind.code] = spent.get(p.kind.code, 0) + p.spent
    codes = sorted(set(basic) | set(spent))
    return tuple(Line(c, basic.get(c, 0), spent.get(c, 0)) for c in codes)


def allocation_notice(unit: Unit, pk: ProjectKind, year: int, seed: int) -> Policy:
    """The prefecture's notice handing down this year's money: one per prefecture, year and kind."""
    short, abbr, _ = SCALE_PREFECTURES[unit.prefecture]
    slot = _ALLOCATED.index(pk.key)
    serial = 20 + 50 * slot + random.Random(f"{seed}/alloc/{unit.prefecture}/{year}/{pk.key}").randint(0, 45)
    label = pk.subsidy.alloc_label if pk.subsidy else pk.names[0]
    return Policy(f"{abbr}财社〔{year - 1}〕{serial}号", f"关于下达{short}{year}年{label}的通知")


def _project(
    unit: Unit, pk: ProjectKind, year: int, kind: str, base: random.Random, rng: random.Random, seed: int
) -> Project:
    """A project as the year's budget plans it (``rng`` is the unit-year generator)."""
    name = pk.names[min(2, max(0, year - 2023))].format(y=year)
    bases = tuple(
        prefecture_rules(unit.prefecture, unit.category) if k == "pref" else POLICIES[k] for k in pk.bases
    )
    allocation = allocation_notice(unit, pk, year, seed) if pk.subsidy else None
    people: int | None = None
    uses: tuple[tuple[str, int], ...] = ()
    standard: str | None = None
    if pk.subsidy:
        first = base.randint(*pk.subsidy.people)
        people = max(
            10, first - (year - 2023) * (7 if pk.key in ("retiree", "heating") else -3) + rng.randint(-4, 4)
        )
        budget = (people * pk.subsidy.yuan * pk.subsidy.periods + 50) // 100
        standard = rng.choice(STANDARD_FORMS).format(y=pk.subsidy.yuan, p=pk.subsidy.per)
    else:
        labels = rng.sample(sorted(USES), rng.randint(1, 3))
        uses = tuple((label, rng.randint(200, 3500)) for label in labels)
        budget = sum(amount for _, amount in uses)
    return Project(
        pk,
        name,
        budget,
        bases,
        allocation,
        bool(allocation) and rng.random() < 0.4,
        people,
        uses,
        indicators(pk, people, budget, year, kind, rng),
        standard,
    )


def _evaluate(project: Project, year: int, rng: random.Random) -> Project:
    """Final accounts: what was spent, what each indicator achieved and the score it earned."""
    rate = 1.0 if project.kind.subsidy and rng.random() < 0.5 else rng.uniform(0.86, 1.0)
    executed = min(project.budget, round(project.budget * rate))
    exec_score = (1000 * executed + project.budget // 2) // project.budget if project.budget else 1000
    scored = evaluate(project.indicators, year, executed, rng)
    return replace(project, indicators=scored, executed=executed, exec_score=exec_score)
