"""What the 情况说明 states against other documents: each 功能分类 项 against last year (or, in final
accounts of the national wording, against its 年初预算), and the whole document against last year
and its 年初预算. Pure functions of the plan, shared by the text and its ground truth.
"""

from __future__ import annotations

from dataclasses import dataclass

from samples.plan import BUDGET, OPS_CODE, DocPlan

# Why a line rose or fell, by the kind of line.
_REASONS = {
    "ops": ("在职人员调资及绩效奖励标准提高，人员和运转经费相应增加", "部分人员退休，在职人数减少，人员经费相应减少"),
    "insurance": ("缴费基数随工资调整而提高", "参保在职人员减少，缴费基数下降"),
    "project": ("补贴对象人数和项目任务量增加，资金需求相应增加", "补贴对象自然减员，项目资金按实际需求核减"),
}


@dataclass(frozen=True)
class ItemStatement:
    """One 项 of the 一般公共预算 情况说明: its amount and what it is compared with."""

    code: str
    amount: int
    prior: int | None = None  # last year's (None in the national wording of final accounts)
    initial: int | None = None  # 年初预算 (national wording)

    @property
    def change(self) -> int:
        return self.amount - (self.prior or 0)

    @property
    def change_rate(self) -> float:
        """增长/下降 %, 100.00 for a 项 new this year (as the template writes it)."""
        return round(100 * self.change / self.prior, 2) if self.prior else 100.0

    @property
    def completion_rate(self) -> float | None:
        return round(100 * self.amount / self.initial, 2) if self.initial else None


def _kind_of(plan: DocPlan, code: str) -> str:
    if code == OPS_CODE[plan.unit.category]:
        return "ops"
    return "project" if any(p.kind.code == code for p in plan.projects) else "insurance"


def change_reason(plan: DocPlan, s: ItemStatement) -> str:
    """Why a 项 changed from last year (or, national wording, differs from its 年初预算)."""
    if s.initial is not None:
        if s.amount == s.initial:
            return "严格按照年初预算执行"
        return "年中追加人员和项目经费" if s.amount > s.initial else "严格控制支出，部分项目资金结余"
    if not s.prior:
        return "本年新增该项支出"
    if not s.amount:
        return "本年未安排该项支出"
    rose, fell = _REASONS[_kind_of(plan, s.code)]
    return rose if s.change >= 0 else fell


def item_statements(plan: DocPlan) -> list[ItemStatement]:
    """Every 项 the document describes, by code: against last year the 项 of either year (one gone
    this year is stated at 0.00), in the national wording of final accounts this year's against
    their 年初预算."""
    current = {line.code: line.total for line in plan.lines}
    if plan.initial is not None and plan.wording.national:
        return [ItemStatement(code, amount, initial=plan.initial.line(code)) for code, amount in current.items()]
    assert plan.prior is not None
    codes = sorted(set(current) | {code for code, _ in plan.prior.lines})
    return [ItemStatement(code, current.get(code, 0), prior=plan.prior.line(code)) for code in codes]


@dataclass(frozen=True)
class Change:
    """The whole document (or its 财政拨款, the same money here) against last year."""

    amount: int
    prior: int
    compared_with: str  # 上年预算, or 上年 where final accounts say only 与上年相比

    @property
    def change(self) -> int:
        return self.amount - self.prior

    @property
    def rate(self) -> float:
        return round(100 * self.change / self.prior, 2)

    @property
    def reason(self) -> str:
        return "人员经费和项目支出较上年增加" if self.change >= 0 else "项目支出和人员经费较上年减少"


def whole_change(plan: DocPlan) -> Change:
    assert plan.prior is not None
    return Change(plan.total, plan.prior.total, "上年预算" if plan.kind == BUDGET else "上年")


def compared_with(plan: DocPlan) -> str:
    """How a 项 statement names last year's figure."""
    return "上年预算" if plan.kind == BUDGET else "上年决算"


def variance_rate(plan: DocPlan) -> float:
    """Final accounts: (决算 − 年初预算) / 年初预算, in percent."""
    assert plan.initial is not None
    return round(100 * (plan.total - plan.initial.total) / plan.initial.total, 2)


def variance_reason(plan: DocPlan) -> str:
    assert plan.initial is not None
    return "年中追加项目经费" if plan.total >= plan.initial.total else "部分项目资金结余，支出较年初预算减少"
