// The search box: suggestions across policies, units and projects as you type
// (↑ ↓ to choose, Enter to open, Esc to close); Enter on the text opens the results page.
import { request } from "./api";
import { h, paths } from "./dom";
import { KIND } from "./format";
import { SuggestDocument, type HitFragment } from "./generated/graphql";

export type Hit = HitFragment;

export const KIND_LABEL: Record<string, string> = {
  POLICY: "政策", UNIT: "单位", PROJECT: "项目", INDICATOR: "指标", REGION: "地区", DOCUMENT: "公开文件",
};

/** Where a hit leads: an indicator opens its project, a document its unit's page on that document,
 * a region the search for its units. */
export function hitPath(hit: Hit): string | null {
  const node = hit.node;
  switch (node.__typename) {
    case "Policy": return paths.policy(node.docNumber ?? node.title ?? hit.label);
    case "Unit": return paths.unit(node.name);
    case "Project": return paths.project(node.id);
    case "Indicator": return node.project ? paths.project(node.project.id) : null;
    case "BudgetDocument": return `${paths.unit(node.unit.name)}?doc=${encodeURIComponent(node.id)}`;
    case "Region": return `${paths.search(node.name)}&kind=UNIT`;
    default: return null;
  }
}

/** A line of context under the hit's label. */
export function hitDetail(hit: Hit): string {
  const node = hit.node;
  switch (node.__typename) {
    case "Policy": return [node.docNumber, node.title, node.issuer].filter((t) => t && t !== hit.label).join(" · ");
    case "Unit": return node.region?.name ?? "";
    case "Project": return `${node.unit.name} · ${node.fiscalYear} 年`;
    case "Indicator": return node.project ? `${node.project.unit.name} · ${node.project.fiscalYear} · ${node.project.name}` : "";
    case "BudgetDocument": return `${node.unit.name} · ${node.fiscalYear} 年${KIND[node.kind]}`;
    case "Region": return node.parent?.name ?? "";
    default: return "";
  }
}

export function searchBox(go: (path: string) => void): HTMLElement {
  const input = h("input", {
    type: "search", placeholder: "搜索政策文号、单位、项目…", "aria-label": "搜索", role: "combobox",
    "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": "suggestions", autocomplete: "off",
  });
  const list = h("ul", { id: "suggestions", class: "suggestions", role: "listbox", hidden: true });
  let hits: Hit[] = [], active = -1, timer = 0, asked = 0;

  const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; };
  const show = () => {
    list.replaceChildren(...hits.map((hit, i) => h("li", {
      role: "option", id: `suggestion-${i}`, "aria-selected": String(i === active), class: i === active ? "active" : "",
      onmousedown: (e: Event) => { e.preventDefault(); open(i); },
    }, h("span", { class: `tag tag-${hit.kind}` }, KIND_LABEL[hit.kind]), h("b", {}, hit.label),
      h("small", {}, hitDetail(hit)))));
    list.hidden = hits.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
    input.setAttribute("aria-activedescendant", active >= 0 ? `suggestion-${active}` : "");
  };
  const open = (i: number) => {
    const path = i >= 0 ? hitPath(hits[i]) : input.value.trim() ? paths.search(input.value.trim()) : null;
    close();
    if (path) go(path);
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) { hits = []; close(); return; }
    timer = window.setTimeout(async () => {
      const mine = ++asked;
      try {
        const data = await request(SuggestDocument, { text, first: 8 });
        if (mine !== asked) return;
        hits = data.search;
        active = -1;
        show();
      } catch { hits = []; close(); }
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!hits.length) return;
      const n = hits.length + 1; // -1: the typed text itself
      active = ((active + 1 + (event.key === "ArrowDown" ? 1 : -1) + n) % n) - 1;
      show();
    } else if (event.key === "Enter") {
      event.preventDefault();
      open(active);
    } else if (event.key === "Escape") close();
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  return h("div", { class: "combo" }, input, list);
}
