"""The fictional world the sample corpus describes: regions, units, policies and project kinds.

Region names are real Xinjiang places; the units, their staff, money and most policy numbers are
invented. One real, public regional document (新政办发〔2010〕168号) is cited so that lineage
queries across units have a well-known anchor.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

AUTONOMOUS_REGION = "新疆维吾尔自治区"

# prefecture -> (short name used in prose, abbreviation that starts its 发文字号, counties);
# e.g. 巴 + 财社 = 巴财社 (the finance bureau's social-security notices), 巴 + 人社发.
PREFECTURES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "巴音郭楞蒙古自治州": ("巴州", "巴", ("库尔勒市", "尉犁县", "轮台县", "和静县", "若羌县", "博湖县")),
    "昌吉回族自治州": ("昌吉州", "昌州", ("昌吉市", "玛纳斯县", "呼图壁县", "阜康市", "奇台县")),
    "伊犁哈萨克自治州": ("伊犁州", "伊州", ("伊宁市", "霍城县", "新源县", "昭苏县", "特克斯县")),
    "阿克苏地区": ("阿克苏地区", "阿地", ("阿克苏市", "库车市", "温宿县", "沙雅县", "拜城县")),
}

# Scale mode (``samples.generate --scale``): every prefecture directly under the region and all
# its counties, so that ten thousand documents are of distinct units. The default world above is
# a subset with the same names and abbreviations, so the committed corpus does not change.
SCALE_PREFECTURES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    **{
        name: (short, abbr, counties + more)
        for (name, (short, abbr, counties)), more in zip(
            PREFECTURES.items(),
            (
                ("且末县", "焉耆回族自治县", "和硕县"),
                ("吉木萨尔县", "木垒哈萨克自治县"),
                ("奎屯市", "霍尔果斯市", "伊宁县", "察布查尔锡伯自治县", "巩留县", "尼勒克县"),
                ("新和县", "乌什县", "阿瓦提县", "柯坪县"),
            ),
            strict=True,
        )
    },
    "乌鲁木齐市": (
        "乌鲁木齐市",
        "乌",
        ("天山区", "沙依巴克区", "新市区", "水磨沟区", "头屯河区", "达坂城区", "米东区", "乌鲁木齐县"),
    ),
    "克拉玛依市": ("克拉玛依市", "克", ("独山子区", "克拉玛依区", "白碱滩区", "乌尔禾区")),
    "吐鲁番市": ("吐鲁番市", "吐", ("高昌区", "鄯善县", "托克逊县")),
    "哈密市": ("哈密市", "哈", ("伊州区", "巴里坤哈萨克自治县", "伊吾县")),
    "博尔塔拉蒙古自治州": ("博州", "博州", ("博乐市", "阿拉山口市", "精河县", "温泉县")),
    "克孜勒苏柯尔克孜自治州": ("克州", "克州", ("阿图什市", "阿克陶县", "阿合奇县", "乌恰县")),
    "喀什地区": (
        "喀什地区",
        "喀地",
        ("喀什市", "疏附县", "疏勒县", "英吉沙县", "泽普县", "莎车县", "叶城县", "麦盖提县", "岳普湖县",
         "伽师县", "巴楚县", "塔什库尔干塔吉克自治县"),
    ),
    "和田地区": (
        "和田地区",
        "和地",
        ("和田市", "和田县", "墨玉县", "皮山县", "洛浦县", "策勒县", "于田县", "民丰县"),
    ),
}

# Scale mode: besides the unit named after its category, a place has these units of the same
# kind of work (distinct names, so distinct units).
SCALE_NAMES: dict[str, tuple[str, ...]] = {
    "社会保险中心": ("社会保险中心", "机关事业单位社会保险中心", "城乡居民社会保险中心"),
    "就业服务中心": ("就业服务中心", "公共就业和人才服务中心"),
    "医疗保障服务中心": ("医疗保障服务中心", "医疗保障基金结算中心"),
}

# Real units of the seed documents: never generated, so the sample never impersonates them.
SEED_UNITS = frozenset({"和静县社会保险中心", "昌吉回族自治州社会保险中心", "巴音郭楞蒙古自治州社会保险中心"})


@dataclass(frozen=True)
class Policy:
    doc_number: str  # canonical: 〔〕, no spaces
    title: str


# The one real document of the pool (public, widely cited); every other number is fictional.
PENSION_SUBSIDY_2010 = Policy(
    "新政办发〔2010〕168号",
    "关于对参加自治区城镇企业职工基本养老保险社会统筹的有关退休人员实施生活补贴的通知",
)

POLICIES: dict[str, Policy] = {
    "pension2010": PENSION_SUBSIDY_2010,
    "heating": Policy("新人社发〔2019〕62号", "关于调整关闭破产企业退休人员冬季取暖补贴标准的通知"),
    "si_grant": Policy("新财社〔2023〕88号", "自治区社会保险经办机构业务补助经费管理办法"),
    "si_standard": Policy("新人社发〔2022〕45号", "关于推进社会保险经办服务标准化建设的实施意见"),
    "it_plan": Policy("新人社办发〔2021〕19号", "自治区人力资源社会保障信息化建设三年行动方案"),
    "internship": Policy("新人社规〔2021〕7号", "自治区高校毕业生就业见习管理办法"),
    "jobs_fund": Policy("新财社〔2022〕96号", "自治区就业补助资金管理办法"),
    "public_posts": Policy("新人社发〔2023〕31号", "关于做好公益性岗位开发管理工作的通知"),
    "jobs_measures": Policy("新政发〔2023〕21号", "关于进一步稳就业促创业的若干措施"),
    "med_aid": Policy("新医保发〔2023〕12号", "关于做好医疗救助对象参加城乡居民医保资助工作的通知"),
    "med_service": Policy("新医保发〔2022〕30号", "自治区医疗保障经办服务规范（试行）"),
    "med_fund": Policy("新医保办发〔2024〕6号", "关于加强医疗保障基金日常监管的通知"),
}

# 7-digit 功能分类 codes with their 类 and 款 names (the national classification).
CLASS_NAMES = {"208": "社会保障和就业支出", "210": "卫生健康支出", "221": "住房保障支出"}
KUAN_NAMES = {
    "20801": "人力资源和社会保障管理事务",
    "20805": "行政事业单位养老支出",
    "20806": "企业改革补助",
    "20807": "就业补助",
    "21011": "行政事业单位医疗",
    "21012": "财政对基本医疗保险基金的补助",
    "21015": "医疗保障管理事务",
    "22102": "住房改革支出",
}
ITEM_NAMES = {
    "2080108": "信息化建设",
    "2080109": "社会保险经办机构",
    "2080150": "事业运行",
    "2080199": "其他人力资源和社会保障管理事务支出",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "2080601": "企业关闭破产补助",
    "2080699": "其他企业改革发展补助",
    "2080705": "公益性岗位补贴",
    "2080711": "就业见习补贴",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "2101202": "财政对城乡居民基本医疗保险基金的补助",
    "2101550": "事业运行",
    "2101599": "其他医疗保障管理事务支出",
    "2210201": "住房公积金",
}

# 经济分类 (published names): the 基本支出表's classes and items, the 项目支出表's columns in template order.
ECONOMIC_NAMES = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费",
    "30112": "其他社会保障缴费",
    "30113": "住房公积金",
    "30199": "其他工资福利支出",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30205": "水费",
    "30206": "电费",
    "30207": "邮电费",
    "30211": "差旅费",
    "30213": "维修（护）费",
    "30216": "培训费",
    "30217": "公务接待费",
    "30228": "工会经费",
    "30229": "福利费",
    "30231": "公务用车运行维护费",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助",
    "30302": "退休费",
    "30305": "生活补助",
    "30309": "奖励金",
    "307": "债务利息及费用支出",
    "309": "资本性支出（基本建设）",
    "310": "资本性支出",
    "311": "对企业补助（基本建设）",
    "312": "对企业补助",
    "313": "对社会保障基金补助",
    "399": "其他支出",
}
PROJECT_COLUMNS = ("301", "302", "303", "307", "309", "310", "311", "312", "313", "399")


@dataclass(frozen=True)
class Subsidy:
    """How a project pays people: ``yuan`` per person each ``per`` (月 or 年), ``periods`` a year."""

    yuan: int
    per: str
    periods: int
    people: tuple[int, int]  # range of 补贴人数 in the first year
    scope: str
    method: str
    alloc_label: str  # what the prefecture's allocation notice hands down


# How 补贴标准 is written: the same rate as ``120 元/月/人``, ``120元/人·月``, ``每人每月120元``, …
STANDARD_FORMS = ("{y} 元/{p}/人", "{y}元/人·{p}", "每人每{p}{y}元", "{y}元/人/{p}")


@dataclass(frozen=True)
class ProjectKind:
    key: str
    names: tuple[str, str, str]  # the name in 2023 / 2024 / 2025 ({y} = fiscal year)
    code: str
    bases: tuple[str, ...]  # POLICIES keys, or "pref" for the prefecture's own rules
    subsidy: Subsidy | None = None  # a subsidy is paid from the prefecture's allocation notice


_RETIREE = Subsidy(
    120,
    "月",
    12,
    (180, 420),
    "1995年以前参加城镇企业职工基本养老保险统筹的企业退休人员",
    "按月核对领取资格后，通过社会保障卡发放至本人账户",
    "1995年前退休人员生活补贴资金",
)
_HEATING = Subsidy(
    800,
    "年",
    1,
    (90, 260),
    "本地关闭破产企业中仍在世的退休人员",
    "每年采暖季前一次性打卡发放",
    "关闭破产企业退休人员取暖补贴资金",
)
_INTERNS = Subsidy(
    1800,
    "月",
    6,
    (40, 120),
    "离校两年内未就业高校毕业生及16至24岁失业青年",
    "按见习协议和考勤记录，按月拨付给见习单位",
    "就业补助资金（就业见习部分）",
)
_POSTS = Subsidy(
    2000,
    "月",
    12,
    (25, 70),
    "在公益性岗位安置的就业困难人员",
    "按月审核在岗情况后发放至个人银行账户",
    "就业补助资金（公益性岗位部分）",
)
_MED_AID = Subsidy(
    380,
    "年",
    1,
    (900, 2600),
    "特困人员、低保对象和返贫致贫人口",
    "由医保经办机构直接划入城乡居民医保基金",
    "医疗救助参保资助资金",
)

PROJECT_KINDS: dict[str, tuple[ProjectKind, ...]] = {
    "社会保险中心": (
        ProjectKind(
            "retiree",
            (
                "1995年前退休人员生活补贴资金",
                "{y}年1995年前退休人员生活补贴",
                "{y}年1995年前退休人员生活补贴",
            ),
            "2080699",
            ("pension2010",),
            _RETIREE,
        ),
        ProjectKind(
            "heating",
            ("破产企业退休人员取暖补贴", "破产企业退休人员取暖补贴", "关闭破产企业退休人员冬季取暖补贴"),
            "2080601",
            ("heating",),
            _HEATING,
        ),
        ProjectKind("si_ops", ("社会保险经办业务补助经费",) * 3, "2080109", ("si_grant", "si_standard")),
        ProjectKind(
            "si_it",
            ("社保信息系统运行维护经费", "社保信息系统运行维护经费", "社会保险信息系统运维经费"),
            "2080108",
            ("it_plan", "pref"),
        ),
    ),
    "就业服务中心": (
        ProjectKind(
            "interns",
            ("就业见习补贴", "高校毕业生就业见习补贴", "高校毕业生就业见习补贴"),
            "2080711",
            ("internship", "jobs_fund"),
            _INTERNS,
        ),
        ProjectKind("posts", ("公益性岗位补贴",) * 3, "2080705", ("public_posts", "jobs_fund"), _POSTS),
        ProjectKind(
            "job_fairs",
            ("就业创业服务专项经费", "就业创业服务专项经费", "就业创业公共服务专项经费"),
            "2080199",
            ("jobs_measures", "pref"),
        ),
    ),
    "医疗保障服务中心": (
        ProjectKind(
            "med_aid",
            ("困难群众参保资助资金", "困难群众城乡居民医保参保资助", "困难群众城乡居民医保参保资助"),
            "2101202",
            ("med_aid",),
            _MED_AID,
        ),
        ProjectKind("med_ops", ("医疗保障经办服务能力提升经费",) * 3, "2101599", ("med_service", "pref")),
        ProjectKind(
            "med_fund",
            ("医保基金监管专项经费", "医保基金监管专项经费", "医保基金日常监管专项经费"),
            "2101599",
            ("med_fund",),
        ),
    ),
}

DEPARTMENTS = {
    "社会保险中心": ("综合办公室", "基金财务科", "参保登记科", "待遇审核科", "稽核内控科", "信息档案科"),
    "就业服务中心": ("综合办公室", "就业促进科", "创业指导科", "职业培训科", "失业保险科", "人力资源市场科"),
    "医疗保障服务中心": ("综合办公室", "经办服务科", "基金结算科", "稽核监管科", "异地就医科", "信息统计科"),
}

# What a unit's 下属单位 are called (after its place name), for the units that have them.
SUBORDINATES = {
    "社会保险中心": ("社会保险经办服务站", "养老保险待遇发放服务站"),
    "就业服务中心": ("零工市场服务站", "创业孵化基地管理站"),
    "医疗保障服务中心": ("医保经办服务站", "异地就医结算服务站"),
}

DUTIES = {
    "社会保险中心": (
        "承办辖区内企业和机关事业单位职工养老、工伤、失业保险的参保登记与缴费核定",
        "审核、计发各项社会保险待遇，办理退休人员资格认证和社会化服务",
        "管理社会保险基金收支账户，编报基金预算和决算草案",
        "维护社会保险业务档案和信息系统，受理群众政策咨询",
        "开展社会保险稽核，防范冒领、欺诈等基金风险",
    ),
    "就业服务中心": (
        "落实就业创业扶持政策，办理就业失业登记和就业援助",
        "组织招聘活动，运营公共人力资源市场和线上求职平台",
        "承担高校毕业生就业见习、职业技能培训的组织和补贴审核",
        "开发管理公益性岗位，安置就业困难人员",
        "统计分析劳动力供求信息，定期向社会发布",
    ),
    "医疗保障服务中心": (
        "办理基本医疗保险、生育保险的参保登记、缴费核定和待遇支付",
        "承担定点医药机构的协议管理和费用审核结算",
        "落实医疗救助政策，资助困难群众参加城乡居民医保",
        "开展医保基金日常稽核，配合查处违规使用基金行为",
        "提供异地就医备案、医保关系转移等经办服务",
    ),
}


@dataclass(frozen=True)
class Unit:
    key: str
    name: str
    category: str  # a key of PROJECT_KINDS
    prefecture: str
    county: str | None  # None for a prefecture-level unit
    former_name: str | None = None
    renamed_in: int = 0  # documents before this fiscal year use former_name
    province: str = AUTONOMOUS_REGION

    def name_in(self, year: int) -> str:
        return self.former_name if self.former_name and year < self.renamed_in else self.name

    @property
    def region_path(self) -> tuple[str, ...]:
        tail = (self.county,) if self.county else ()
        return (self.province, self.prefecture, *tail)


CORE_UNITS = (
    Unit("korla-shebao", "库尔勒市社会保险中心", "社会保险中心", "巴音郭楞蒙古自治州", "库尔勒市"),
    Unit("yuli-shebao", "尉犁县社会保险中心", "社会保险中心", "巴音郭楞蒙古自治州", "尉犁县"),
    Unit("yining-jiuye", "伊宁市就业服务中心", "就业服务中心", "伊犁哈萨克自治州", "伊宁市"),
    Unit(
        "aksu-yibao",
        "阿克苏地区医疗保障服务中心",
        "医疗保障服务中心",
        "阿克苏地区",
        None,
        former_name="阿克苏地区医疗保险管理中心",
        renamed_in=2024,
    ),
)


def all_units(rng: random.Random, *, scale: bool = False) -> list[Unit]:
    """The core units first, then every other (place, category) pair in a seeded order; at
    ``scale``, then the units only the scale world has (more places, more names per place)."""
    units = [*CORE_UNITS, *_numbered(_places(PREFECTURES, _category_names(False), _taken(CORE_UNITS)), rng, 1)]
    if not scale:
        return units
    more = _places(SCALE_PREFECTURES, _category_names(True), _taken(units))
    return [*units, *_numbered(more, rng, len(units) - len(CORE_UNITS) + 1)]


# The longest unit name of the default world (巴音郭楞蒙古自治州医疗保障服务中心); longer ones wrap the
# 编制部门 line of some layouts, which the sample must not depend on.
LONGEST_NAME = 17


def _taken(units: list[Unit] | tuple[Unit, ...]) -> set[str]:
    return {u.name for u in units} | SEED_UNITS


def _category_names(scale: bool) -> dict[str, tuple[str, ...]]:
    return SCALE_NAMES if scale else {category: (category,) for category in PROJECT_KINDS}


def _places(
    prefectures: dict[str, tuple[str, str, tuple[str, ...]]], names: dict[str, tuple[str, ...]], taken: set[str]
) -> list[Unit]:
    found: list[Unit] = []
    for prefecture, (_, _, counties) in prefectures.items():
        for place in (None, *counties):
            for category, suffixes in names.items():
                for suffix in suffixes:
                    name = f"{place or prefecture}{suffix}"
                    if name not in taken and len(name) <= LONGEST_NAME:
                        found.append(Unit("", name, category, prefecture, place))
    return found


def _numbered(units: list[Unit], rng: random.Random, start: int) -> list[Unit]:
    rng.shuffle(units)
    return [Unit(f"unit{i:03d}", u.name, u.category, u.prefecture, u.county) for i, u in enumerate(units, start)]


def prefecture_rules(prefecture: str, category: str) -> Policy:
    """Each prefecture's own (fictional) implementing rules, cited by its units' service projects."""
    short, abbr, _ = SCALE_PREFECTURES[prefecture]
    serial = 11 + sum(map(ord, prefecture + category)) % 40
    if category == "医疗保障服务中心":
        return Policy(f"{abbr}医保发〔2023〕{serial}号", f"关于印发{short}医疗保障经办服务工作规程的通知")
    title = f"关于印发{short}人力资源社会保障经办服务工作规程的通知"
    return Policy(f"{abbr}人社发〔2022〕{serial}号", title)
