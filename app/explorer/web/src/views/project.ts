// /explore/project/<id>: a project across the years, its indicators (target, result, met?),
// the policies it rests on, and the source lines every fact was read from.
import { request } from "../api";
import { Chart } from "../charts";
import { h, link, paths, section } from "../dom";
import { DASH, KIND, count, fileName, wan, wanUnit, where } from "../format";
import { ProjectViewDocument, type ProjectViewQuery, type SourceFragment } from "../generated/graphql";
import { DataTable } from "../table";

type Project = NonNullable<ProjectViewQuery["project"]>;
type Indicator = Project["indicators"][number];

/** The API's Indicator.met (compared as written), in words. */
const MET_LABEL = (v: boolean | null, hasResult: boolean) =>
  !hasResult ? "无实际值" : v == null ? "无法判断" : v ? "✓ 达成" : "✗ 未达成";

interface Fact { fact: string; value: string; file: string; source: SourceFragment | null }

export async function projectView(page: HTMLElement, key: string): Promise<void> {
  const { project: p } = await request(ProjectViewDocument, { id: key });
  if (!p) {
    page.append(h("h1", {}, "项目"), h("p", { class: "empty" }, `没有找到这个项目：${key}`));
    return;
  }
  page.append(
    h("h1", {}, p.name),
    h("p", { class: "lead" }, link(paths.unit(p.unit.name), p.unit.name), ` · ${p.fiscalYear} 年${KIND[p.document.kind]} · `,
      link(`${paths.unit(p.unit.name)}?doc=${encodeURIComponent(p.document.id)}`, p.document.title)),
    h("dl", { class: "facts" },
      h("dt", {}, "预算安排"), h("dd", { "data-fact": "budget" }, wanUnit(p.budgetWan)),
      h("dt", {}, "全年执行"), h("dd", {}, wanUnit(p.executedWan)),
      h("dt", {}, "补贴人数"), h("dd", {}, count(p.beneficiaryCount)),
      h("dt", {}, "补贴标准"), h("dd", {}, p.subsidyStandard ?? DASH),
      h("dt", {}, "自评得分"), h("dd", {}, p.selfEvaluationScore ?? DASH)),
  );
  const years = new Chart(`历年金额-${p.name}`, 280, "项目历年金额");
  const stated = p.history.some((x) => x.budgetWan != null || x.executedWan != null);
  page.append(section("历年金额", stated ? years.element : h("p", { class: "empty" }, "文件没有写明这个项目的金额。")));
  page.append(section("政策依据", p.policies.length ? h("ul", { class: "plain" }, p.policies.map((policy) =>
    h("li", {}, link(paths.policy(policy.docNumber ?? policy.title ?? ""), policy.docNumber ?? policy.title ?? DASH), " ",
      h("small", {}, [policy.docNumber ? policy.title : null, policy.issuer].filter(Boolean).join(" · ")))))
    : h("p", { class: "empty" }, "文件没有写明政策依据。")));
  page.append(section("绩效指标", indicatorTable(p)));
  page.append(section("事实出处", sourcesTable(p)));
  if (stated) page.addEventListener("attached", () => years.set(historyOption(p)));
}

function historyOption(p: Project) {
  const labels = p.history.map((x) => `${x.fiscalYear} ${KIND[x.document.kind]}`);
  return {
    tooltip: { trigger: "axis", valueFormatter: (v: number | null) => (v == null ? DASH : wanUnit(v)) },
    legend: { bottom: 0 },
    grid: { left: 70, right: 20, top: 20, bottom: 50 },
    xAxis: { type: "category", data: labels },
    yAxis: { type: "value", name: "万元" },
    series: [
      { name: "预算", type: "bar", barMaxWidth: 40, data: p.history.map((x) => x.budgetWan),
        label: { show: true, position: "top", formatter: (v: { value: number }) => wan(v.value) } },
      { name: "执行", type: "bar", barMaxWidth: 40, data: p.history.map((x) => x.executedWan),
        label: { show: true, position: "top", formatter: (v: { value: number | null }) => (v.value == null ? "" : wan(v.value)) } },
    ],
  };
}

function indicatorTable(p: Project): HTMLElement {
  return new DataTable<Indicator>({
    name: `绩效指标-${p.name}`, rows: p.indicators, empty: "文件没有这个项目的绩效指标。",
    columns: [
      { title: "一级指标", value: (i) => i.level1, width: "6em" },
      { title: "二级指标", value: (i) => i.level2, width: "7em" },
      { title: "三级指标", value: (i) => i.name, width: "minmax(10em, 2fr)" },
      { title: "指标值", value: (i) => i.target },
      { title: "实际完成值", value: (i) => i.actual },
      { title: "是否达成", value: (i) => MET_LABEL(i.met, i.actual != null), width: "6em" },
      { title: "分值", value: (i) => i.weight, width: "4em" },
      { title: "得分", value: (i) => i.score, width: "4em" },
      { title: "出处", value: (i) => where(i.source), width: "8em" },
    ],
  }).element;
}

function sourcesTable(p: Project): HTMLElement {
  const file = fileName(p.document.sourcePath);
  const facts: Fact[] = [
    { fact: "项目", value: p.name, file, source: p.source },
    ...p.history.map((x) => ({
      fact: `${x.fiscalYear} 年${KIND[x.document.kind]}金额`, file: fileName(x.document.sourcePath), source: x.source,
      value: [x.budgetWan != null ? `预算 ${wanUnit(x.budgetWan)}` : null, x.executedWan != null ? `执行 ${wanUnit(x.executedWan)}` : null]
        .filter(Boolean).join("，") || DASH })),
    ...p.allocationItems.map((a) => ({ fact: "资金分配", value: `${a.label} ${wanUnit(a.amountWan)}`, file, source: p.source })),
    ...p.expenditureLines.map((e) => ({ fact: `项目支出表 ${e.functionCode}${e.economicClass ? ` ${e.economicClass}` : ""}`,
      value: wanUnit(e.amountWan), file, source: e.source })),
    ...p.indicators.map((i) => ({ fact: `指标：${i.name}`, value: [i.target, i.actual].filter(Boolean).join(" → ") || DASH,
      file, source: i.source })),
  ];
  return new DataTable<Fact>({
    name: `出处-${p.name}`, rows: facts, rowHeight: 34,
    columns: [
      { title: "事实", value: (f) => f.fact, width: "minmax(9em, 1fr)" },
      { title: "值", value: (f) => f.value, width: "minmax(9em, 1fr)" },
      { title: "文件", value: (f) => f.file, width: "minmax(8em, 1fr)" },
      { title: "位置", value: (f) => where(f.source), width: "9em" },
      { title: "原文", value: (f) => f.source?.text?.replace(/\s+/g, " ") ?? null, width: "minmax(14em, 2.5fr)" },
    ],
  }).element;
}
