// /explore/search?q=&kind= : every hit, best first, a page at a time, with the count of each kind
// (searchResults: a connection with countsByKind).
import { request } from "../api";
import { h, link, paths, section } from "../dom";
import { SearchPageDocument, type SearchKind } from "../generated/graphql";
import { hitDetail, hitPath, KIND_LABEL, type Hit } from "../search";

const PAGE = 50;

export async function searchView(page: HTMLElement, _key: string, query: URLSearchParams): Promise<void> {
  const q = (query.get("q") ?? "").trim();
  const kind = (query.get("kind") ?? "") as SearchKind | "";
  page.append(h("h1", {}, q ? `搜索：${q}` : "搜索"));
  if (!q) {
    page.append(h("p", {}, "在上方搜索框输入文号、单位或项目名称。"));
    return;
  }
  const kinds = kind ? [kind] : null;
  const data = await request(SearchPageDocument, { text: q, first: PAGE, after: null, kinds });
  if (!data.all.totalCount) {
    page.append(h("p", { class: "empty" }, "没有找到匹配的政策、单位、项目或文件。"));
    return;
  }
  const tab = (k: string, label: string) => k === kind ? h("b", { "aria-current": "page" }, label)
    : link(`${paths.search(q)}${k ? `&kind=${k}` : ""}`, label);
  page.append(h("nav", { class: "tabs", "aria-label": "按类别" }, tab("", `全部 ${data.all.totalCount}`),
    data.all.countsByKind.filter((c) => c.count).map((c) => tab(c.kind, `${KIND_LABEL[c.kind] ?? c.kind} ${c.count}`))));
  const list = h("ol", { class: "hits" });
  const more = h("button", { type: "button", class: "more" }, "更多结果");
  const add = (hits: Hit[]) => list.append(...hits.map((hit) => {
    const path = hitPath(hit);
    return h("li", { "data-kind": hit.kind }, h("span", { class: `tag tag-${hit.kind}` }, KIND_LABEL[hit.kind] ?? hit.kind), " ",
      path ? link(path, hit.label) : hit.label, " ", h("small", {}, hitDetail(hit)));
  }));
  let cursor = data.page.pageInfo.endCursor;
  add(data.page.edges.map((e) => e.node));
  more.hidden = !data.page.pageInfo.hasNextPage;
  more.addEventListener("click", async () => {
    more.disabled = true;
    const next = await request(SearchPageDocument, { text: q, first: PAGE, after: cursor, kinds });
    add(next.page.edges.map((e) => e.node));
    cursor = next.page.pageInfo.endCursor;
    more.hidden = !next.page.pageInfo.hasNextPage;
    more.disabled = false;
  });
  page.append(section(kind ? KIND_LABEL[kind] ?? kind : "全部结果", list, more));
}
