"""A unit's books beyond its 功能分类 lines: 基本支出 by 经济分类 item, each project's money by 经济分类
class, 政府采购 and 国有资产. Amounts in hundredths of 万元, drawn to add up to the plan's totals.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

# 基本支出 lines that are one 经济分类 item each (social insurance and housing fund contributions).
_LINE_ITEMS = {"2080505": "30108", "2080506": "30109", "2101102": "30110", "2101103": "30111", "2210201": "30113"}
# What the operations line pays people (工资福利, 对个人和家庭的补助) and spends on running (公用经费).
_PAY_ITEMS = ("30101", "30102", "30103", "30107", "30112", "30199")
_FAMILY_ITEMS = ("30302", "30305", "30309")
_PUBLIC_ITEMS = ("30201", "30205", "30206", "30207", "30211", "30213", "30216", "30228", "30229", "30299")
RECEPTION_ITEM, CAR_ITEM = "30217", "30231"  # the "三公" items that are 公用经费

# 资金分配情况 items of a service project, with the 经济分类 class the 项目支出表 puts them under.
USES = {
    "业务经办耗材及印刷": "302",
    "系统运维与网络租用": "302",
    "政策宣传及资料印制": "302",
    "档案整理数字化": "302",
    "业务培训及差旅": "302",
    "第三方专业服务": "302",
    "办公设备购置": "310",
    "窗口临聘人员工资": "301",
}
# The class a subsidy is paid under: to people, or (医保参保资助) into the insurance fund.
SUBSIDY_CLASS = {"med_aid": "313"}
PERSONNEL_CLASSES = ("301", "303")


def split(total: int, keys: Sequence[str], rng: random.Random) -> dict[str, int]:
    """``total`` shared among ``keys`` in random proportions, the parts adding up exactly."""
    weights = [rng.uniform(0.2, 1.0) for _ in keys]
    parts = {k: int(total * w / sum(weights)) for k, w in zip(keys, weights, strict=True)}
    parts[keys[0]] += total - sum(parts.values())
    return parts


def apportion(parts: Sequence[tuple[str, int]], total: int) -> tuple[tuple[str, int], ...]:
    """``total`` shared in proportion to ``parts`` (what was spent of what was planned), exactly."""
    whole = sum(v for _, v in parts)
    shares = {k: v * total // whole for k, v in parts} if whole else {}
    if shares:
        largest = max(shares, key=shares.__getitem__)
        shares[largest] += total - sum(shares.values())
    return tuple((k, v) for k, v in shares.items() if v)


def basic_items(
    basic_lines: dict[str, int], ops: int, public_fee: int, car: int, reception: int, rng: random.Random
) -> tuple[tuple[str, int], ...]:
    """基本支出 by 5-digit 经济分类 item: contributions from their lines, the operations line's pay and
    公用经费 (the "三公" car and reception costs among them) drawn in shares."""
    items = {_LINE_ITEMS[code]: amount for code, amount in basic_lines.items() if code in _LINE_ITEMS}
    pay = [k for k in _PAY_ITEMS if rng.random() < 0.7] or ["30101"]
    family = [k for k in _FAMILY_ITEMS if rng.random() < 0.3]
    items.update(split(ops - public_fee, [*pay, *family], rng))
    running = [k for k in _PUBLIC_ITEMS if rng.random() < 0.6] or ["30201"]
    items.update(split(public_fee - car - reception, running, rng))
    items.update({RECEPTION_ITEM: reception, CAR_ITEM: car})
    return tuple(sorted((k, v) for k, v in items.items() if v > 0))


@dataclass(frozen=True)
class Procurement:
    goods: int
    works: int
    services: int
    sme: int  # reserved for (budget) or granted to (final accounts) small and medium enterprises
    small_micro: int

    @property
    def total(self) -> int:
        return self.goods + self.works + self.services


def procurement(rng: random.Random) -> Procurement:
    goods, services = rng.randint(50, 800), rng.randint(200, 3000)
    works = rng.choice((0, 0, rng.randint(100, 1500)))
    total = goods + works + services
    sme = total if rng.random() < 0.5 else int(total * rng.uniform(0.6, 0.95))
    return Procurement(goods, works, services, sme, int(sme * rng.uniform(0.5, 1.0)))


@dataclass(frozen=True)
class Assets:
    house_m2: int  # hundredths of a square metre
    house_value: int
    vehicles: int
    vehicle_value: int
    equipment_500k: int  # 单位价值50万元以上大型设备
    equipment_1m: int  # 单位价值100万元以上


def assets(vehicles: int, rng: random.Random) -> Assets:
    big = rng.choice((0, 0, 0, 1, 2))
    return Assets(
        rng.randint(80000, 600000),
        rng.randint(5000, 40000),
        vehicles,
        vehicles * rng.randint(1500, 3000),
        big,
        min(big, rng.choice((0, 1))),
    )
