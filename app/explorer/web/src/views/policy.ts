// /explore/policy/<发文字号 or title>: how a policy's money fans out (lineage graph), the projects
// it funds (by year, unit and region, with totals) and the disclosures that cite it.
import { request } from "../api";
import { Chart, FONT, PALETTE } from "../charts";
import { h, link, paths, section } from "../dom";
import { KIND, count, sum, wanUnit } from "../format";
import {
  PolicyByTitleDocument, PolicyViewDocument, type FundedProjectFragment, type PolicyViewQuery,
} from "../generated/graphql";
import { navigate } from "../main";
import { DataTable } from "../table";

type Policy = NonNullable<PolicyViewQuery["policy"]>;
interface GraphNode { id: string; type: string; label: string }
interface GraphEdge { source: string; target: string; type: string; amountWan: number | null }

/** Above this many projects the graph shows one node per unit for its projects. */
const GROUP_ABOVE = 60;

const CATEGORIES = [
  { name: "本政策", symbol: "circle", size: 46 },
  { name: "分配文件", symbol: "pin", size: 34 },
  { name: "项目", symbol: "rect", size: 20 },
  { name: "项目组", symbol: "triangle", size: 30 },
  { name: "单位", symbol: "roundRect", size: 28 },
  { name: "地区", symbol: "diamond", size: 26 },
];
const EDGE_LABEL: Record<string, string> = {
  BASIS_OF: "政策依据", ALLOCATES: "下达资金", IMPLEMENTED_BY: "据以下达", UNDERTAKEN_BY: "承担", IN_REGION: "位于", PART_OF: "隶属",
};

async function load(key: string): Promise<{ policy: Policy; graph: { nodes: GraphNode[]; edges: GraphEdge[] } } | null> {
  const data = await request(PolicyViewDocument, { docNumber: key });
  if (data.policy) return { policy: data.policy, graph: data.fundingLineage };
  // A policy known only by its title (no 发文字号): found by name, its graph drawn from its projects.
  const byTitle = await request(PolicyByTitleDocument, { text: key });
  const policy = byTitle.policies.edges.map((e) => e.node).find((p) => p.title === key || p.docNumber === key);
  return policy ? { policy, graph: projectGraph(key, policy.fundedProjects) } : null;
}

/** policy → project → unit → region, for a policy the lineage query cannot name. */
function projectGraph(label: string, projects: FundedProjectFragment[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>([[`Policy:${label}`, { id: `Policy:${label}`, type: "Policy", label }]]);
  const edges: GraphEdge[] = [];
  for (const p of projects) {
    nodes.set(`Project:${p.id}`, { id: `Project:${p.id}`, type: "Project", label: `${p.name} (${p.fiscalYear})` });
    nodes.set(`Unit:${p.unit.id}`, { id: `Unit:${p.unit.id}`, type: "Unit", label: p.unit.name });
    edges.push({ source: `Policy:${label}`, target: `Project:${p.id}`, type: "BASIS_OF", amountWan: p.budgetWan },
      { source: `Project:${p.id}`, target: `Unit:${p.unit.id}`, type: "UNDERTAKEN_BY", amountWan: p.budgetWan });
    if (p.unit.region) {
      const region = `Region:${p.unit.region.name}`;
      nodes.set(region, { id: region, type: "Region", label: p.unit.region.name });
      edges.push({ source: `Unit:${p.unit.id}`, target: region, type: "IN_REGION", amountWan: null });
    }
  }
  return { nodes: [...nodes.values()], edges: dedupe(edges) };
}

/** Projects folded into one node per unit ("N 个项目"), parallel edges merged with their amounts summed. */
function groupProjects(nodes: GraphNode[], edges: GraphEdge[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const unitOf = new Map(edges.filter((e) => e.type === "UNDERTAKEN_BY").map((e) => [e.source, e.target]));
  const members = new Map<string, number>();
  const rename = new Map<string, string>();
  for (const node of nodes) {
    if (node.type !== "Project") continue;
    const group = `Group:${unitOf.get(node.id) ?? "?"}`;
    rename.set(node.id, group);
    members.set(group, (members.get(group) ?? 0) + 1);
  }
  const labels = new Map(nodes.map((n) => [n.id, n.label]));
  const grouped = nodes.filter((n) => n.type !== "Project").concat([...members].map(([id, n]) => ({
    id, type: "Group", label: `${labels.get(id.slice(6)) ?? ""} 的 ${n} 个项目`,
  })));
  return { nodes: grouped, edges: dedupe(edges.map((e) => ({
    ...e, source: rename.get(e.source) ?? e.source, target: rename.get(e.target) ?? e.target,
  }))) };
}

function dedupe(edges: GraphEdge[]): GraphEdge[] {
  const merged = new Map<string, GraphEdge>();
  for (const edge of edges) {
    const key = `${edge.source}\u0000${edge.target}\u0000${edge.type}`;
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...edge });
    else if (edge.type !== "IN_REGION" && edge.type !== "PART_OF") seen.amountWan = sum([seen.amountWan, edge.amountWan]);
  }
  return [...merged.values()];
}

function category(node: GraphNode, root: string): number {
  if (node.type === "Policy") return node.id === root ? 0 : 1;
  return { Project: 2, Group: 3, Unit: 4, Region: 5 }[node.type] ?? 5;
}

function lineageOption(nodes: GraphNode[], edges: GraphEdge[], root: string) {
  const busy = edges.length > 40; // amounts on hover only, or the labels hide the graph
  return {
    tooltip: { formatter: (p: { dataType: string; data: { name?: string; label?: unknown; full?: string } }) =>
      p.data.full ?? "" },
    legend: { data: CATEGORIES.map((c) => ({ name: c.name, icon: c.symbol })), orient: "vertical", left: 0, top: 0,
      backgroundColor: "rgba(255,255,255,0.85)" },
    series: [{
      type: "graph", layout: "force", roam: true, draggable: true, zoom: nodes.length > 60 ? 0.5 : 0.9,
      emphasis: { focus: "adjacency", edgeLabel: { show: true } },
      force: { repulsion: nodes.length > 150 ? 120 : 500, edgeLength: [80, 150], gravity: nodes.length > 60 ? 0.2 : 0.1, layoutAnimation: nodes.length < 300 },
      categories: CATEGORIES.map((c, i) => ({ name: c.name, symbol: c.symbol, itemStyle: { color: PALETTE[i] } })),
      edgeSymbol: ["none", "arrow"], edgeSymbolSize: 7,
      label: { show: nodes.length <= 80, position: "right", fontFamily: FONT, fontSize: 11,
        formatter: (p: { data: { short: string } }) => p.data.short },
      lineStyle: { color: "#777", opacity: 0.7, curveness: 0.08 },
      edgeLabel: { fontSize: 10, fontFamily: FONT, color: "#333" },
      data: nodes.map((n) => {
        const c = category(n, root);
        return { id: n.id, name: n.id, short: n.label.length > 16 ? `${n.label.slice(0, 15)}…` : n.label,
          full: `${CATEGORIES[c].name}：${n.label}`, category: c, symbolSize: CATEGORIES[c].size, nodeType: n.type };
      }),
      links: edges.map((e) => ({
        source: e.source, target: e.target, full: `${EDGE_LABEL[e.type] ?? e.type}${e.amountWan != null ? `：${wanUnit(e.amountWan)}` : ""}`,
        // The amount once per path: on the edge into the project, not again on project → unit.
        label: { show: e.amountWan != null && !busy && e.type !== "UNDERTAKEN_BY", formatter: wanUnit(e.amountWan) },
      })),
    }],
  };
}

export async function policyView(page: HTMLElement, key: string): Promise<void> {
  const found = await load(key);
  if (!found) {
    page.append(h("h1", {}, key), h("p", { class: "empty" }, "没有找到这个政策文件（文号可用任何括号写法）。"));
    return;
  }
  const { policy } = found;
  const projects = policy.fundedProjects;
  const root = found.graph.nodes.find((n) => n.type === "Policy")?.id ?? "";
  const projectCount = found.graph.nodes.filter((n) => n.type === "Project").length;
  const graph = projectCount > GROUP_ABOVE ? groupProjects(found.graph.nodes, found.graph.edges) : found.graph;

  page.append(
    h("h1", {}, policy.docNumber ?? policy.title ?? key),
    h("p", { class: "lead" }, [policy.docNumber ? policy.title : null, policy.issuer, policy.year ? `${policy.year} 年` : null]
      .filter(Boolean).join(" · ")),
    h("dl", { class: "facts" },
      h("dt", {}, "资助项目"), h("dd", { "data-fact": "project-count" }, count(projects.length)),
      h("dt", {}, "预算合计"), h("dd", { "data-fact": "budget-total" }, wanUnit(sum(projects.map((p) => p.budgetWan)))),
      h("dt", {}, "引用文件"), h("dd", {}, count(policy.citedBy.length))),
  );
  const chart = new Chart(`资金脉络-${policy.docNumber ?? key}`, 460, "政策资金脉络图");
  page.append(section("资金脉络", graph !== found.graph
    ? h("p", { class: "note" }, `共 ${projectCount} 个项目，图中按单位合并为项目组；明细见下表。`) : null, chart.element));
  page.addEventListener("attached", () => {
    if (!graph.nodes.length) return;
    const instance = chart.set(lineageOption(graph.nodes, graph.edges, root));
    instance.on("click", (p) => {
      const id = String((p.data as { id?: string }).id ?? "");
      const [type, rest] = [id.slice(0, id.indexOf(":")), id.slice(id.indexOf(":") + 1)];
      const target = type === "Policy" ? paths.policy(rest) : type === "Project" ? paths.project(rest)
        : type === "Unit" || type === "Group" ? paths.unit(rest.replace(/^Unit:/, "")) : null;
      if (target) navigate(target);
    });
  });
  const table = new DataTable<FundedProjectFragment>({
    name: `资助项目-${policy.docNumber ?? key}`,
    rows: projects,
    columns: [
      { title: "年度", value: (p) => p.fiscalYear, width: "5em" },
      { title: "项目", value: (p) => p.name, render: (p) => link(paths.project(p.id), p.name), width: "minmax(12em, 2fr)" },
      { title: "单位", value: (p) => p.unit.name, render: (p) => link(paths.unit(p.unit.name), p.unit.name), width: "minmax(10em, 1.5fr)" },
      { title: "地区", value: (p) => p.unit.region?.name ?? null },
      { title: "预算（万元）", value: (p) => p.budgetWan, money: true },
      { title: "执行（万元）", value: (p) => p.executedWan, money: true },
      { title: "补贴人数", value: (p) => p.beneficiaryCount, width: "6em" },
    ],
    groupings: [
      { title: "年度", key: (p) => String(p.fiscalYear) },
      { title: "单位", key: (p) => p.unit.name },
      { title: "地区", key: (p) => p.unit.region?.name ?? "未知地区" },
    ],
    open: (p) => navigate(paths.project(p.id)),
    empty: "没有项目以它为依据或由它下达资金。",
  });
  page.append(section("资助的项目", table.element));
  page.append(section("引用它的公开文件", policy.citedBy.length ? h("ul", { class: "plain" }, policy.citedBy.map((d) =>
    h("li", {}, link(`${paths.unit(d.unit.name)}?doc=${encodeURIComponent(d.id)}`, d.title), " ",
      h("small", {}, `${d.fiscalYear} 年${KIND[d.kind]} · ${d.unit.name}`)))) : h("p", { class: "empty" }, "没有文件引用它。")));
}
