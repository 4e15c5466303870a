// /explore/unit/<name or id>: the unit's disclosures over the years (budget against final
// accounts), one document's spending by 功能分类 (treemap) and money flows (Sankey), and its
// projects across years with a sparkline each.
import { request } from "../api";
import { Chart, FONT, PALETTE, sparkline } from "../charts";
import { h, link, paths, section } from "../dom";
import { DASH, KIND, fileName, wan, wanUnit } from "../format";
import { MoneyFlowDocument, UnitViewDocument, type MoneyFlowQuery, type UnitViewQuery } from "../generated/graphql";
import { navigate } from "../main";
import { DataTable } from "../table";

type Unit = NonNullable<UnitViewQuery["unit"]>;
type Doc = Unit["documents"][number];
type Flows = NonNullable<MoneyFlowQuery["moneyFlows"]>;

export async function unitView(page: HTMLElement, key: string, query: URLSearchParams): Promise<void> {
  const { unit } = await request(UnitViewDocument, { name: key });
  if (!unit) {
    page.append(h("h1", {}, key), h("p", { class: "empty" }, "没有找到这个单位（可用现名或曾用名）。"));
    return;
  }
  const docs = unit.documents;
  const chosen = docs.find((d) => d.id === query.get("doc"))
    ?? [...docs].reverse().find((d) => d.kind === "BUDGET") ?? docs[docs.length - 1];
  page.append(
    h("h1", {}, unit.name),
    h("p", { class: "lead" }, [unit.region ? `地区：${unit.region.name}${unit.region.parent ? `（${unit.region.parent.name}）` : ""}` : null,
      unit.aliases.length ? `曾用名：${unit.aliases.join("、")}` : null].filter(Boolean).join(" · ")),
  );

  const years = new Chart(`历年公开-${unit.name}`, 300, "历年预算与决算");
  page.append(section("历年公开文件：预算与决算", years.element, documentsTable(unit)));

  const picker = h("select", { "aria-label": "选择文件", onchange: (e: Event) =>
    navigate(`${paths.unit(unit.name)}?doc=${encodeURIComponent((e.target as HTMLSelectElement).value)}`) },
  docs.map((d) => h("option", { value: d.id, selected: d === chosen }, `${d.fiscalYear} 年${KIND[d.kind]}：${d.title}`)));
  const treemap = new Chart(`功能分类-${chosen?.title ?? unit.name}`, 380, "按功能分类的支出");
  const sankey = new Chart(`资金流向-${chosen?.title ?? unit.name}`, 460, "资金流向桑基图");
  const flows = chosen ? (await request(MoneyFlowDocument, { unit: unit.name, fiscalYear: chosen.fiscalYear, kind: chosen.kind })).moneyFlows : null;
  page.append(section("一份文件", h("label", { class: "picker" }, "文件 ", picker)));
  page.append(section("按功能分类的支出", chosen?.functionLines.length ? treemap.element
    : h("p", { class: "empty" }, "这份文件没有按功能分类的支出表。")));
  page.append(section("资金流向", flows?.links.length ? [sankey.element, flowTotals(flows)]
    : h("p", { class: "empty" }, "这份文件没有可画的资金流向。")));
  page.append(section("项目（历年）", projectsTable(unit)));

  page.addEventListener("attached", () => {
    years.set(yearsOption(docs));
    if (chosen?.functionLines.length) treemap.set(treemapOption(chosen));
    if (flows?.links.length) sankey.set(sankeyOption(flows));
  });
}

function documentsTable(unit: Unit): HTMLElement {
  return new DataTable<Doc>({
    name: `公开文件-${unit.name}`, rows: unit.documents, maxHeight: 240,
    columns: [
      { title: "年度", value: (d) => d.fiscalYear, width: "5em" },
      { title: "类型", value: (d) => KIND[d.kind], width: "4em" },
      { title: "标题", value: (d) => d.title, render: (d) => link(`${paths.unit(unit.name)}?doc=${encodeURIComponent(d.id)}`, d.title),
        width: "minmax(14em, 2fr)" },
      { title: "收支总计（万元）", value: (d) => d.totalWan, money: true },
      { title: "基本支出", value: (d) => d.basicExpenditureWan, money: true },
      { title: "项目支出", value: (d) => d.projectExpenditureWan, money: true },
      { title: "财政拨款年初预算", value: (d) => d.initialBudgetWan, money: true },
      { title: "财政拨款决算数", value: (d) => d.budgetActualWan, money: true },
      { title: "文件", value: (d) => fileName(d.sourcePath) },
    ],
    open: (d) => navigate(`${paths.unit(unit.name)}?doc=${encodeURIComponent(d.id)}`),
  }).element;
}

/** Each year's budget beside its final accounts (and the appropriations' 年初预算 vs 决算数). */
function yearsOption(docs: Doc[]) {
  const years = [...new Set(docs.map((d) => d.fiscalYear))].sort();
  const pick = (kind: string, field: (d: Doc) => number | null) =>
    years.map((y) => { const d = docs.find((x) => x.fiscalYear === y && x.kind === kind); return d ? field(d) : null; });
  const series = [
    { name: "预算：收支总计", data: pick("BUDGET", (d) => d.totalWan) },
    { name: "决算：支出总计", data: pick("FINAL_ACCOUNTS", (d) => d.totalWan) },
    { name: "决算：财政拨款年初预算", data: pick("FINAL_ACCOUNTS", (d) => d.initialBudgetWan) },
    { name: "决算：财政拨款决算数", data: pick("FINAL_ACCOUNTS", (d) => d.budgetActualWan) },
  ].filter((s) => s.data.some((v) => v != null));
  return {
    tooltip: { trigger: "axis", valueFormatter: (v: number | null) => (v == null ? DASH : wanUnit(v)) },
    legend: { bottom: 0 },
    grid: { left: 70, right: 20, top: 20, bottom: 50 },
    xAxis: { type: "category", data: years.map((y) => `${y} 年`) },
    yAxis: { type: "value", name: "万元", axisLabel: { formatter: (v: number) => wan(v).replace(/\.00$/, "") } },
    series: series.map((s) => ({ ...s, type: "bar", barMaxWidth: 36,
      label: { show: true, position: "top", fontSize: 10, formatter: (p: { value: number }) => wan(p.value) } })),
  };
}

type TreeNode = { name: string; value: number; children?: TreeNode[] };

/** 类 > 款 > 项 from the document's 功能分类 rows (项 amounts; the levels above add them up). */
function functionTree(doc: Doc): TreeNode[] {
  const classes = new Map<string, TreeNode>();
  const child = (parent: { children?: TreeNode[] }, name: string) => {
    parent.children ??= [];
    let node = parent.children.find((c) => c.name === name);
    if (!node) parent.children.push(node = { name, value: 0 });
    return node;
  };
  for (const line of doc.functionLines) {
    if (line.totalWan == null) continue;
    const item = line.functionClass;
    const section = item?.parent, cls = section?.parent;
    const top = `${line.code.slice(0, 3)} ${cls?.name ?? ""}`.trim();
    const node = classes.get(top) ?? { name: top, value: 0 };
    classes.set(top, node);
    const mid = child(node, `${line.code.slice(0, 5)} ${section?.name ?? ""}`.trim());
    const leaf = child(mid, `${line.code} ${line.name}`);
    leaf.value += line.totalWan;
    mid.value += line.totalWan;
    node.value += line.totalWan;
  }
  return [...classes.values()];
}

function treemapOption(doc: Doc) {
  return {
    tooltip: { formatter: (p: { treePathInfo: { name: string }[]; value: number }) =>
      `${p.treePathInfo.slice(1).map((t) => t.name).join(" › ")}<br>${wanUnit(p.value)}` },
    series: [{
      type: "treemap", data: functionTree(doc), leafDepth: 3, roam: false, nodeClick: "zoomToNode",
      breadcrumb: { show: true, bottom: 0 },
      label: { fontFamily: FONT, formatter: (p: { name: string; value: number }) => `${p.name}\n${wan(p.value)}` },
      upperLabel: { show: true, height: 20, color: "#fff", fontFamily: FONT },
      levels: [
        { itemStyle: { borderWidth: 0, gapWidth: 4 } },
        { colorSaturation: [0.35, 0.6], itemStyle: { borderWidth: 3, gapWidth: 2, borderColorSaturation: 0.6 } },
        { colorSaturation: [0.35, 0.6], itemStyle: { gapWidth: 1, borderColorSaturation: 0.6 } },
      ],
    }],
  };
}

const STAGE = ["来源", "单位", "功能分类", "项目"];

/** Links with a stated amount (a Sankey cannot draw an unknown one; they are counted below). */
function drawable(flows: Flows) {
  return flows.links.filter((l): l is typeof l & { valueWan: number } => l.valueWan != null && l.valueWan > 0);
}

function sankeyOption(flows: Flows) {
  const labels = new Map(flows.nodes.map((n) => [n.id, n.label]));
  const links = drawable(flows);
  const used = new Set(links.flatMap((l) => [l.source, l.target]));
  return {
    tooltip: { formatter: (p: { dataType: string; data: { source?: string; target?: string; name?: string; value?: number }; value: number }) =>
      p.dataType === "edge" ? `${labels.get(p.data.source ?? "")} → ${labels.get(p.data.target ?? "")}<br>${wanUnit(p.value)}`
        : `${labels.get(p.data.name ?? "")}<br>${wanUnit(p.value)}` },
    series: [{
      type: "sankey", left: 10, right: 230, top: 10, bottom: 10, nodeAlign: "justify", draggable: false,
      emphasis: { focus: "adjacency" }, lineStyle: { color: "gradient", opacity: 0.45 },
      label: { fontFamily: FONT, fontSize: 11, formatter: (p: { name: string; value: number }) => {
        const text = labels.get(p.name) ?? p.name;
        return `${text.length > 18 ? `${text.slice(0, 17)}…` : text}  ${wan(p.value)}`;
      } },
      data: flows.nodes.filter((n) => used.has(n.id)).map((n) => ({
        name: n.id, depth: n.stage, itemStyle: { color: PALETTE[n.stage % PALETTE.length] } })),
      links: links.map((l) => ({ source: l.source, target: l.target, value: l.valueWan })),
    }],
  };
}

/** What flows into and out of each node the money passes through, so a reader can see it balance. */
function flowBalance(flows: Flows): { id: string; label: string; stage: number; inWan: number; outWan: number }[] {
  const links = drawable(flows);
  const total = (pick: (l: (typeof links)[number]) => boolean) =>
    Math.round(links.filter(pick).reduce((a, l) => a + l.valueWan, 0) * 100) / 100;
  return flows.nodes
    .map((n) => ({ id: n.id, label: n.label, stage: n.stage,
      inWan: total((l) => l.target === n.id), outWan: total((l) => l.source === n.id) }))
    .filter((n) => n.inWan > 0 && n.outWan > 0);
}

/** What the links entering each column carry (the first column: what leaves it). */
function stageTotals(flows: Flows): { stage: number; totalWan: number }[] {
  const stageOf = new Map(flows.nodes.map((n) => [n.id, n.stage]));
  const totals = new Map<number, number>();
  for (const link of drawable(flows)) {
    const into = stageOf.get(link.target) ?? 0, from = stageOf.get(link.source) ?? 0;
    totals.set(into, (totals.get(into) ?? 0) + link.valueWan);
    if (from === 0) totals.set(0, (totals.get(0) ?? 0) + link.valueWan);
  }
  return [...totals].sort(([a], [b]) => a - b).map(([stage, t]) => ({ stage, totalWan: Math.round(t * 100) / 100 }));
}

function flowTotals(flows: Flows): HTMLElement {
  const unknown = flows.links.length - drawable(flows).length;
  const rows = flowBalance(flows);
  return h("div", { class: "flow-totals" },
    h("p", { "data-stage-totals": true }, "各列流入合计：", stageTotals(flows).map((s, i) =>
      h("span", { class: "stage-total" }, i ? " · " : "", `${STAGE[s.stage] ?? s.stage} `, h("b", {}, wan(s.totalWan))))),
    rows.length === 0 ? null : h("table", { class: "small", "data-flow-balance": true },
      h("thead", {}, h("tr", {}, h("th", {}, "节点"), h("th", {}, "环节"), h("th", { class: "num" }, "流入（万元）"),
        h("th", { class: "num" }, "流出（万元）"), h("th", { class: "num" }, "差额"))),
      h("tbody", {}, rows.map((r) => h("tr", { class: Math.abs(r.inWan - r.outWan) > 0.005 ? "unbalanced" : "" },
        h("td", {}, r.label), h("td", {}, STAGE[r.stage] ?? ""), h("td", { class: "num" }, wan(r.inWan)),
        h("td", { class: "num" }, wan(r.outWan)), h("td", { class: "num" }, wan(Math.round((r.inWan - r.outWan) * 100) / 100)))))),
    unknown ? h("p", { class: "note" }, `另有 ${unknown} 条连线金额未说明，图中未画出。`) : null);
}

interface ProjectLine { name: string; years: Map<number, { id: string; budget: number | null; executed: number | null; kind: string }> }

function projectsTable(unit: Unit): HTMLElement {
  const lines = new Map<string, ProjectLine>();
  for (const p of unit.projects) {
    const line = lines.get(p.name) ?? { name: p.name, years: new Map() };
    lines.set(p.name, line);
    const seen = line.years.get(p.fiscalYear);
    // A year with a final account shows what was spent; else its budget.
    if (!seen || p.document.kind === "FINAL_ACCOUNTS") {
      line.years.set(p.fiscalYear, { id: p.id, budget: p.budgetWan, executed: p.executedWan, kind: p.document.kind });
    }
  }
  const allYears = [...new Set(unit.projects.map((p) => p.fiscalYear))].sort();
  const latest = (l: ProjectLine) => l.years.get(Math.max(...l.years.keys()))!;
  const amount = (v: { budget: number | null; executed: number | null; kind: string } | undefined) =>
    v ? (v.kind === "FINAL_ACCOUNTS" ? v.executed ?? v.budget : v.budget) : null;
  return new DataTable<ProjectLine>({
    name: `项目-${unit.name}`, rows: [...lines.values()],
    columns: [
      { title: "项目", value: (l) => l.name, render: (l) => link(paths.project(latest(l).id), l.name), width: "minmax(14em, 2fr)" },
      { title: "年度", value: (l) => [...l.years.keys()].sort().join("、") },
      { title: allYears.length ? `历年金额（${allYears[0]}–${allYears[allYears.length - 1]}）` : "历年金额", value: (l) => allYears.map((y) => wan(amount(l.years.get(y)))).join(" / "),
        render: (l) => sparkline(allYears.map((y) => amount(l.years.get(y)))), width: "130px" },
      { title: "最近一年（万元）", value: (l) => amount(latest(l)), money: true },
    ],
    open: (l) => navigate(paths.project(latest(l).id)),
  }).element;
}
