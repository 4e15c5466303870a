// /explore/quality?q=&unit=&check=&year= : what did not add up, filterable; the filters live in
// the address so a filtered list can be shared.
import { request, type Answered } from "../api";
import { h, link, paths, section } from "../dom";
import { DASH, KIND, fileName, wan, where } from "../format";
import { FindingsDocument, type FindingsQuery } from "../generated/graphql";
import { navigate } from "../main";
import { DataTable } from "../table";

type Finding = NonNullable<FindingsQuery["dataQualityFindings"]>["edges"][number]["node"];

const CHECK_LABEL: Record<string, string> = {
  total_vs_function_lines: "支出总计 ≠ 功能分类合计",
  economic_class_vs_items: "经济分类 类 ≠ 款之和",
  project_vs_projects: "项目支出 ≠ 各项目之和",
  reviewer_report: "审阅者报告",
};

export async function qualityView(page: HTMLElement, _key: string, query: URLSearchParams): Promise<void> {
  const q = query.get("q") ?? "", unit = query.get("unit") ?? "", check = query.get("check") ?? "", year = query.get("year") ?? "";
  const { all, totalCount } = await findings(q);
  const shown = all.filter((f) => (!unit || f.document?.unit.name === unit) && (!check || f.check === check)
    && (!year || String(f.document?.fiscalYear) === year));
  const options = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))].sort();
  const apply = (name: string) => (event: Event) => {
    const next = new URLSearchParams(location.search);
    const value = (event.target as HTMLInputElement).value.trim();
    if (value) next.set(name, value); else next.delete(name);
    navigate(`/explore/quality${next.size ? `?${next}` : ""}`);
  };
  const select = (name: string, label: string, current: string, values: string[], show = (v: string) => v) =>
    h("label", {}, `${label} `, h("select", { name, onchange: apply(name) }, h("option", { value: "" }, "全部"),
      values.map((v) => h("option", { value: v, selected: v === current }, show(v)))));
  page.append(
    h("h1", {}, "数据质量"),
    h("p", { class: "lead" }, "按模板应当相等却不相等的数字：照原样报告，从不“修正”。"),
    h("form", { class: "filters", role: "search", onsubmit: (e: Event) => { e.preventDefault(); } },
      h("label", {}, "包含文字 ", h("input", { type: "search", name: "q", value: q, onchange: apply("q") })),
      select("check", "检查项", check, options(all.map((f) => f.check)), (v) => CHECK_LABEL[v] ?? v),
      select("unit", "单位", unit, options(all.map((f) => f.document?.unit.name))),
      select("year", "年度", year, options(all.map((f) => f.document ? String(f.document.fiscalYear) : undefined)))),
    h("p", { "data-fact": "finding-count" }, `共 ${totalCount} 条，显示 ${shown.length} 条。`),
  );
  const detail = h("div", { class: "detail", "aria-live": "polite" });
  const table = new DataTable<Finding>({
    name: "数据质量", rows: shown, empty: "没有符合条件的问题。",
    columns: [
      { title: "检查项", value: (f) => CHECK_LABEL[f.check] ?? f.check, width: "minmax(10em, 1fr)" },
      { title: "说明", value: (f) => f.message, width: "minmax(16em, 2.5fr)" },
      { title: "单位", value: (f) => f.document?.unit.name ?? null,
        render: (f) => (f.document ? link(paths.unit(f.document.unit.name), f.document.unit.name) : DASH) },
      { title: "文件", value: (f) => (f.document ? `${f.document.fiscalYear} 年${KIND[f.document.kind]}` : null), width: "7em" },
      { title: "应为（万元）", value: (f) => f.expectedWan, money: true, total: false },
      { title: "实为（万元）", value: (f) => f.actualWan, money: true, total: false },
      { title: "差额", value: (f) => f.differenceWan, money: true, total: false },
    ],
    open: (f) => detail.replaceChildren(findingDetail(f)),
  });
  page.append(section("问题清单（回车或双击查看出处）", table.element, detail));
}

/** Every finding (the API pages them 500 at a time), narrowed by the server when a text is given. */
async function findings(q: string): Promise<{ all: Finding[]; totalCount: number }> {
  const all: Finding[] = [];
  let after: string | null = null, totalCount = 0;
  for (;;) {
    const page: Answered<FindingsQuery> = await request(FindingsDocument, { first: 500, after, filter: q ? { nameContains: q } : null });
    const { edges, pageInfo } = page.dataQualityFindings;
    totalCount = page.dataQualityFindings.totalCount;
    all.push(...edges.map((e) => e.node));
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return { all, totalCount };
    after = pageInfo.endCursor;
  }
}

function findingDetail(f: Finding): HTMLElement {
  return h("div", {}, h("h3", {}, f.message),
    h("p", {}, `${f.document?.title ?? ""} · ${fileName(f.document?.sourcePath)} · 应为 ${wan(f.expectedWan)}，实为 ${wan(f.actualWan)}`),
    h("ol", {}, f.sources.map((s) => h("li", {}, h("b", {}, where(s)), h("pre", {}, s.text ?? "")))));
}
