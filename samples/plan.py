"""The numbers of one fictional disclosure, drawn so that everything adds up.

Amounts are integers in hundredths of 万元 (``c``): 1 c = 0.01 万元 = 100 元, so sums are exact.
A unit's base figures come from a generator seeded by the unit, a document's drift from one seeded
by the document, so the same document comes out the same whatever else is in the corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from samples.world import (
    DEPARTMENTS,
    DUTIES,
    POLICIES,
    PREFECTURES,
    PROJECT_KINDS,
    Policy,
    ProjectKind,
    Unit,
    prefecture_rules,
)

BUDGET = "BUDGET"
FINAL = "FINAL_ACCOUNTS"

_OPS_CODE = {"社会保险中心": "2080109", "就业服务中心": "2080150", "医疗保障服务中心": "2101550"}
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
class Indicator:
    level1: str
    level2: str
    name: str
    target: str
    weight: int
    actual: str | None = None
    score: int | None = None  # hundredths of a point


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
    executed: int | None = None
    exec_score: int | None = None  # hundredths

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


@dataclass(frozen=True)
class Line:
    code: str
    basic: int
    project: int

    @property
    def total(self) -> int:
        return self.basic + self.project


@dataclass(frozen=True)
class DocPlan:
    unit: Unit
    year: int
    kind: str
    departments: tuple[str, ...]
    duties: tuple[str, ...]
    staff: tuple[int, int, int]  # 编制数, 在职, 退休
    staff_change: tuple[int, int]
    lines: tuple[Line, ...]
    projects: tuple[Project, ...]
    public_fee: int
    car: int
    reception: int

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


def plan_document(unit: Unit, year: int, kind: str, seed: int) -> DocPlan:
    base = random.Random(f"{seed}/{unit.key}")
    rng = random.Random(f"{seed}/{unit.key}/{year}/{kind}")
    departments = _ordered_sample(base, DEPARTMENTS[unit.category], base.randint(3, 6))
    duties = _ordered_sample(base, DUTIES[unit.category], base.randint(3, 5))
    authorized = base.randint(12, 60)
    in_service = max(5, authorized - base.randint(0, 4) + rng.randint(-2, 2))
    retired = base.randint(5, 40) + max(0, year - 2023)
    ops = int(base.randint(9000, 60000) * (1 + 0.04 * (year - 2023)) * rng.uniform(0.95, 1.05))
    projects = tuple(_project(unit, pk, year, kind, base, rng, seed) for pk in _kinds_for(unit, rng))
    lines = _lines(unit, ops, projects, rng)
    basic = sum(line.basic for line in lines)
    return DocPlan(
        unit=unit,
        year=year,
        kind=kind,
        departments=departments,
        duties=duties,
        staff=(authorized, in_service, retired),
        staff_change=(rng.randint(-2, 2), rng.randint(0, 3)),
        lines=lines,
        projects=projects,
        public_fee=int(basic * rng.uniform(0.06, 0.14)),
        car=rng.choice((0, rng.randint(80, 600))),
        reception=rng.choice((0, rng.randint(5, 150))),
    )


def _ordered_sample(rng: random.Random, pool: tuple[str, ...], k: int) -> tuple[str, ...]:
    chosen = set(rng.sample(pool, k))
    return tuple(x for x in pool if x in chosen)


def _kinds_for(unit: Unit, rng: random.Random) -> list[ProjectKind]:
    kinds = PROJECT_KINDS[unit.category]
    kept = [pk for pk in kinds if pk.subsidy or rng.random() < 0.75]
    return kept if any(not pk.subsidy for pk in kept) else [*kept, next(pk for pk in kinds if not pk.subsidy)]


def _lines(unit: Unit, ops: int, projects: tuple[Project, ...], rng: random.Random) -> tuple[Line, ...]:
    basic = {_OPS_CODE[unit.category]: ops}
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
    short, abbr, _ = PREFECTURES[unit.prefecture]
    slot = _ALLOCATED.index(pk.key)
    serial = 20 + 50 * slot + random.Random(f"{seed}/alloc/{unit.prefecture}/{year}/{pk.key}").randint(0, 45)
    label = pk.subsidy.alloc_label if pk.subsidy else pk.names[0]
    return Policy(f"{abbr}财社〔{year - 1}〕{serial}号", f"关于下达{short}{year}年{label}的通知")


def _project(
    unit: Unit, pk: ProjectKind, year: int, kind: str, base: random.Random, rng: random.Random, seed: int
) -> Project:
    name = pk.names[min(2, max(0, year - 2023))].format(y=year)
    bases = tuple(
        prefecture_rules(unit.prefecture, unit.category) if k == "pref" else POLICIES[k] for k in pk.bases
    )
    allocation = allocation_notice(unit, pk, year, seed) if pk.subsidy else None
    people: int | None = None
    uses: tuple[tuple[str, int], ...] = ()
    if pk.subsidy:
        first = base.randint(*pk.subsidy.people)
        people = max(
            10, first - (year - 2023) * (7 if pk.key in ("retiree", "heating") else -3) + rng.randint(-4, 4)
        )
        budget = (people * pk.subsidy.yuan * pk.subsidy.periods + 50) // 100
    else:
        uses = _uses(rng)
        budget = sum(amount for _, amount in uses)
    project = Project(
        pk,
        name,
        budget,
        bases,
        allocation,
        bool(allocation) and rng.random() < 0.4,
        people,
        uses,
        _indicators(pk, people, budget, kind),
    )
    return _evaluate(project, rng) if kind == FINAL else project


_USES = (
    "业务经办耗材及印刷",
    "系统运维与网络租用",
    "政策宣传及资料印制",
    "档案整理数字化",
    "业务培训及差旅",
    "第三方专业服务",
)


def _uses(rng: random.Random) -> tuple[tuple[str, int], ...]:
    labels = rng.sample(_USES, rng.randint(1, 3))
    return tuple((label, rng.randint(200, 3500)) for label in labels)


def _indicators(pk: ProjectKind, people: int | None, budget: int, kind: str) -> tuple[Indicator, ...]:
    if pk.subsidy:
        rows = [
            ("产出指标", "数量指标", "补贴发放人数", f">={people}人"),
            ("产出指标", "质量指标", "补贴发放准确率", "=100%"),
            ("产出指标", "时效指标", "补贴按时发放率", ">=98%"),
            ("成本指标", "经济成本指标", "补贴发放标准", pk.subsidy.indicator),
            ("效益指标", "社会效益指标", "政策知晓率", ">=90%"),
        ]
        last = "补贴对象满意度"
    else:
        rows = [
            ("产出指标", "数量指标", "保障业务正常开展月数", "=12月"),
            ("产出指标", "质量指标", "业务办理差错率", "<=1%"),
            ("产出指标", "时效指标", "资金支付及时率", "=100%"),
            ("成本指标", "经济成本指标", "项目预算控制数", f"<={budget / 100:.2f}万元"),
            ("效益指标", "社会效益指标", "经办服务效率", "有效提升"),
        ]
        last = "服务对象满意度"
    rows.append(("满意度指标", "满意度指标", last, ">=95%" if pk.subsidy else ">=90%"))
    # a target table shares 100 points among indicators; a self-evaluation keeps 10 for execution
    weights = (20 if kind == FINAL else 30, 15, 15, 15, 15, 10)
    return tuple(Indicator(a, b, c, d, w) for (a, b, c, d), w in zip(rows, weights, strict=True))


def _evaluate(project: Project, rng: random.Random) -> Project:
    """Final accounts: what was spent, what each indicator achieved and the score it earned."""
    rate = 1.0 if project.kind.subsidy and rng.random() < 0.5 else rng.uniform(0.86, 1.0)
    executed = min(project.budget, round(project.budget * rate))
    exec_score = (1000 * executed + project.budget // 2) // project.budget if project.budget else 1000
    missed = rng.randrange(3) if rng.random() < 0.6 else -1  # one output indicator falls short
    scored = []
    for i, ind in enumerate(project.indicators):
        if i == missed:
            scored.append(_with_actual(ind, _short_of(ind.target), ind.weight * 100 - rng.randint(50, 300)))
        elif ind.target.endswith("万元"):  # the cost ceiling: what was actually spent
            scored.append(_with_actual(ind, f"={executed / 100:.2f}万元", ind.weight * 100))
        else:
            scored.append(_with_actual(ind, _met(ind.target), ind.weight * 100))
    return Project(
        project.kind,
        project.base_name,
        project.budget,
        project.bases,
        project.allocation,
        project.alloc_in_name,
        project.people,
        project.uses,
        tuple(scored),
        executed,
        exec_score,
    )


def _with_actual(ind: Indicator, actual: str, score: int) -> Indicator:
    return Indicator(ind.level1, ind.level2, ind.name, ind.target, ind.weight, actual, score)


def _met(target: str) -> str:
    return "=" + target.lstrip("<>=") if target[0] in "<>=" else target


def _short_of(target: str) -> str:
    """An achieved value that misses ``target`` (``>=98%`` -> ``=95%``, ``<=1%`` -> ``=1.5%``)."""
    number = float(target.strip("<>=%人月"))
    unit = target[-1]
    if target.startswith("<"):
        return f"={number + 0.5:g}{unit}"
    return f"={max(0, number - (3 if unit == '%' else 5 if unit == '人' else 1)):g}{unit}"
