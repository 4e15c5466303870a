// The explorer's shell: the router (history API; every view has a deep link), the search box
// with suggestions, and the render mark a browser test (or a person with DevTools) can time.
import "./style.css";
import { disposeCharts } from "./charts";
import { h } from "./dom";
import { searchBox } from "./search";
import { homeView } from "./views/home";
import { policyView } from "./views/policy";
import { projectView } from "./views/project";
import { qualityView } from "./views/quality";
import { searchView } from "./views/search";
import { unitView } from "./views/unit";

export type View = (main: HTMLElement, key: string, query: URLSearchParams) => Promise<void>;

const ROUTES: Record<string, View> = {
  "": homeView, search: searchView, policy: policyView, unit: unitView, project: projectView, quality: qualityView,
};

const main = document.getElementById("main") as HTMLElement;
let generation = 0;

async function route(): Promise<void> {
  const mine = ++generation;
  const started = performance.now();
  disposeCharts();
  const [name = "", ...rest] = location.pathname.replace(/^.*?\/explore\/?/, "").split("/");
  const key = rest.map(decodeURIComponent).join("/");
  const view = ROUTES[name];
  document.body.dataset.view = name || "home";
  delete document.body.dataset.rendered;
  main.replaceChildren(h("p", { class: "loading" }, "加载中…"));
  try {
    if (!view) throw new Error(`没有这个页面：${location.pathname}`);
    const page = h("div", { class: "page" });
    await view(page, key, new URLSearchParams(location.search));
    if (mine !== generation) return;
    main.replaceChildren(page);
    // Charts draw once their panels are in the document (they need a size).
    page.dispatchEvent(new Event("attached"));
  } catch (error) {
    if (mine !== generation) return;
    main.replaceChildren(h("div", { class: "error", role: "alert" }, h("h1", {}, "出错了"),
      h("p", {}, error instanceof Error ? error.message : String(error))));
  }
  const ms = Math.round(performance.now() - started);
  document.body.dataset.rendered = name || "home";
  document.body.dataset.renderMs = String(ms);
  document.body.dataset.pageMs = String(Math.round(performance.now())); // since the address was opened
  performance.mark("kg:rendered", { detail: { view: name || "home", ms } });
}

export function navigate(path: string): void {
  history.pushState(null, "", path);
  void route().then(() => main.focus({ preventScroll: true }));
  window.scrollTo(0, 0);
}

document.addEventListener("click", (event) => {
  const anchor = (event.target as Element).closest?.("a[data-link]") as HTMLAnchorElement | null;
  if (!anchor || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(anchor.getAttribute("href") ?? "/explore/");
});
window.addEventListener("popstate", () => void route());
document.getElementById("search-box")?.append(searchBox(navigate));
void route();
