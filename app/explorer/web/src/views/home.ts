// The start page: what the graph holds, each item a way in.
import { request } from "../api";
import { h, link, paths, section } from "../dom";
import { HomeDocument } from "../generated/graphql";
import { KIND, wanUnit } from "../format";

export async function homeView(page: HTMLElement): Promise<void> {
  const data = await request(HomeDocument, {});
  const policies = data.aggregate.cells.filter((c) => c.policy).sort((a, b) => b.count - a.count).slice(0, 100);
  page.append(
    h("h1", {}, "预算公开浏览器"),
    h("p", { class: "lead" }, "追踪政策资金：从政策文件到分配文件、项目、单位和地区。在上方搜索框输入文号（任何括号写法）、单位或项目名称。"),
    h("p", {}, link("/explore/quality", `数据质量问题 ${data.dataQualityFindings.totalCount} 条`)),
    h("div", { class: "columns" },
      section(`单位（${data.units.totalCount}）`, h("ul", { class: "plain" }, data.units.edges.map(({ node }) =>
        h("li", {}, link(paths.unit(node.name), node.name), " ", h("small", {},
          [node.region?.name, node.documents.map((d) => `${d.fiscalYear}${KIND[d.kind]}`).join("、")]
            .filter(Boolean).join(" · ")))))),
      section(`政策文件（${data.policies.totalCount}，按资助项目数）`, h("ul", { class: "plain" }, policies.map(({ policy: p, count, budgetWan }) =>
        h("li", {}, link(paths.policy(p?.docNumber ?? p?.title ?? ""), p?.docNumber ?? p?.title ?? "—"), " ",
          h("small", {}, [p?.docNumber ? p.title : null, `资助项目 ${count} 个`, budgetWan != null ? `${wanUnit(budgetWan)}` : null]
            .filter(Boolean).join(" · ")))))),
    ),
  );
}
