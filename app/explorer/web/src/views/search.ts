// /explore/search?q= : every hit, best first, grouped by what it is.
import { request } from "../api";
import { h, link, section } from "../dom";
import { SuggestDocument } from "../generated/graphql";
import { hitDetail, hitPath, KIND_LABEL } from "../search";

export async function searchView(page: HTMLElement, _key: string, query: URLSearchParams): Promise<void> {
  const q = (query.get("q") ?? "").trim();
  page.append(h("h1", {}, q ? `搜索：${q}` : "搜索"));
  if (!q) {
    page.append(h("p", {}, "在上方搜索框输入文号、单位或项目名称。"));
    return;
  }
  const { search } = await request(SuggestDocument, { text: q, first: 100 });
  if (!search.length) {
    page.append(h("p", { class: "empty" }, "没有找到匹配的政策、单位或项目。"));
    return;
  }
  for (const kind of ["POLICY", "UNIT", "PROJECT", "INDICATOR"]) {
    const hits = search.filter((hit) => hit.kind === kind);
    if (!hits.length) continue;
    page.append(section(`${KIND_LABEL[kind]}（${hits.length}）`, h("ol", { class: "hits" }, hits.map((hit) => {
      const path = hitPath(hit);
      return h("li", { "data-kind": kind }, path ? link(path, hit.label) : hit.label, " ", h("small", {}, hitDetail(hit)));
    }))));
  }
}
