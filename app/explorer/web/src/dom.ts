// A tiny element builder: enough for a handful of views, no framework to learn.
type Child = Node | string | number | null | undefined | false;
type Attr = string | number | boolean | null | undefined | ((event: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, Attr> = {}, ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.replace(/^on/, ""), value);
    else if (name === "class") element.className = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** An in-app link: the router handles the click, the address stays a real deep link. */
export function link(path: string, ...children: (Child | Child[])[]): HTMLAnchorElement {
  return h("a", { href: path, "data-link": true }, ...children);
}

export const paths = {
  policy: (key: string) => `/explore/policy/${encodeURIComponent(key)}`,
  unit: (key: string) => `/explore/unit/${encodeURIComponent(key)}`,
  project: (id: string) => `/explore/project/${encodeURIComponent(id)}`,
  search: (q: string) => `/explore/search?q=${encodeURIComponent(q)}`,
};

export function section(title: string, ...children: (Child | Child[])[]): HTMLElement {
  return h("section", { class: "panel" }, h("h2", {}, title), ...children);
}

/** Save text or a data URL as a file (a local blob: nothing leaves the browser). */
export function download(name: string, content: Blob | string): void {
  const href = typeof content === "string" ? content : URL.createObjectURL(content);
  const anchor = h("a", { href, download: name });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  if (typeof content !== "string") setTimeout(() => URL.revokeObjectURL(href), 1000);
}
