// A virtualised table: only the rows in view are in the DOM, so 10,000 rows scroll as smoothly
// as 10. Sortable columns, optional grouping with subtotals, a totals row, keyboard navigation
// (↑ ↓ PgUp PgDn Home End, Enter opens) and CSV export of exactly what is shown.
import { download, h } from "./dom";
import { sum, wan } from "./format";

export interface Column<R> {
  title: string;
  /** The cell's value: what sorting, totals and CSV use. */
  value: (row: R) => string | number | null;
  /** What the cell shows, when not the value itself. */
  render?: (row: R) => Node | string;
  /** Amount in 万元: right-aligned, formatted, summed in totals. */
  money?: boolean;
  /** False: a money column whose total means nothing (e.g. differences). */
  total?: boolean;
  width?: string;
}

export interface Grouping<R> { title: string; key: (row: R) => string }

export interface TableOptions<R> {
  name: string;
  columns: Column<R>[];
  rows: R[];
  groupings?: Grouping<R>[];
  open?: (row: R) => void;
  rowHeight?: number;
  maxHeight?: number;
  empty?: string;
}

type Line<R> = { kind: "row"; row: R } | { kind: "group"; label: string; rows: R[] };

const collator = new Intl.Collator("zh-CN", { numeric: true });
let tableCount = 0;

export class DataTable<R> {
  readonly element: HTMLElement;
  private lines: Line<R>[] = [];
  private sortColumn = -1;
  private descending = false;
  private grouping: Grouping<R> | null = null;
  private active = -1;
  private readonly body: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly header: HTMLElement;
  private readonly rowHeight: number;
  private readonly id = `t${++tableCount}`;
  private readonly template: string;

  constructor(private readonly options: TableOptions<R>) {
    this.rowHeight = options.rowHeight ?? 34;
    this.template = options.columns.map((c) => c.width ?? (c.money ? "minmax(7em, 0.6fr)" : "minmax(6em, 1fr)")).join(" ");
    this.header = h("div", { class: "vt-row vt-head", role: "row" });
    this.spacer = h("div", { class: "vt-spacer" });
    this.body = h("div", {
      class: "vt-body", tabindex: 0, role: "grid", "aria-label": options.name,
      "aria-rowcount": options.rows.length, onkeydown: (e: Event) => this.key(e as KeyboardEvent),
      onscroll: () => this.paint(),
    }, this.spacer);
    this.footer = h("div", { class: "vt-row vt-foot", role: "row" });
    const toolbar = h("div", { class: "toolbar" },
      options.groupings?.length ? h("label", {}, "分组 ",
        h("select", { onchange: (e: Event) => this.group((e.target as HTMLSelectElement).value) },
          h("option", { value: "" }, "不分组"),
          options.groupings.map((g, i) => h("option", { value: String(i) }, g.title)))) : null,
      h("span", { class: "vt-count" }, `${options.rows.length} 行`),
      h("button", { type: "button", onclick: () => this.exportCsv() }, "导出 CSV"));
    const totals = options.columns.some((c) => c.money && c.total !== false);
    this.element = h("div", { class: "vt", "data-table": options.name }, toolbar, this.header, this.body,
      totals ? this.footer : null);
    this.element.style.setProperty("--cols", this.template);
    this.build();
    new ResizeObserver(() => this.paint()).observe(this.body);
  }

  /** Rows in the order shown (group rows excluded). */
  shownRows(): R[] {
    return this.lines.flatMap((l) => (l.kind === "row" ? [l.row] : []));
  }

  private build(): void {
    const { columns } = this.options;
    let rows = [...this.options.rows];
    if (this.sortColumn >= 0) {
      const column = columns[this.sortColumn];
      rows.sort((a, b) => compare(column.value(a), column.value(b)) * (this.descending ? -1 : 1));
    }
    if (this.grouping) {
      const groups = new Map<string, R[]>();
      for (const row of rows) {
        const key = this.grouping.key(row);
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      this.lines = [...groups].sort(([a], [b]) => collator.compare(a, b))
        .flatMap(([label, members]) => [{ kind: "group", label, rows: members } as Line<R>,
          ...members.map((row) => ({ kind: "row", row }) as Line<R>)]);
    } else {
      this.lines = rows.map((row) => ({ kind: "row", row }));
    }
    this.header.replaceChildren(...columns.map((column, i) => h("div", {
      class: column.money ? "vt-cell num" : "vt-cell", role: "columnheader",
      "aria-sort": i === this.sortColumn ? (this.descending ? "descending" : "ascending") : "none",
    }, h("button", { type: "button", onclick: () => this.sort(i) },
      column.title, i === this.sortColumn ? (this.descending ? " ▼" : " ▲") : ""))));
    this.footer.replaceChildren(...columns.map((column, i) => h("div", { class: column.money ? "vt-cell num" : "vt-cell" },
      i === 0 ? "合计" : column.money && column.total !== false ? wan(this.total(column, this.options.rows)) : "")));
    const height = Math.max(this.lines.length, 1) * this.rowHeight;
    this.spacer.style.height = `${height}px`;
    this.body.style.height = `${Math.min(height, this.options.maxHeight ?? 420) + 2}px`;
    this.paint(true);
  }

  private total(column: Column<R>, rows: R[]): number | null {
    return sum(rows.map((row) => column.value(row) as number | null));
  }

  private paint(force = false): void {
    const top = this.body.scrollTop;
    const first = Math.max(0, Math.floor(top / this.rowHeight) - 5);
    const last = Math.min(this.lines.length, Math.ceil((top + this.body.clientHeight) / this.rowHeight) + 5);
    const key = `${first}:${last}:${this.active}`;
    if (!force && this.spacer.dataset.painted === key) return;
    this.spacer.dataset.painted = key;
    if (!this.lines.length) {
      this.spacer.replaceChildren(h("div", { class: "vt-empty" }, this.options.empty ?? "没有数据"));
      return;
    }
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) rows.push(this.line(i));
    this.spacer.replaceChildren(...rows);
    this.body.setAttribute("aria-activedescendant", this.active >= 0 ? `${this.id}-${this.active}` : "");
  }

  private line(index: number): HTMLElement {
    const line = this.lines[index];
    const { columns } = this.options;
    const style = `top:${index * this.rowHeight}px;height:${this.rowHeight}px`;
    if (line.kind === "group") {
      return h("div", { class: "vt-row vt-group", role: "row", style, id: `${this.id}-${index}` },
        ...columns.map((column, i) => h("div", { class: column.money ? "vt-cell num" : "vt-cell" },
          i === 0 ? `${this.grouping?.title}：${line.label}（${line.rows.length}）`
            : column.money && column.total !== false ? wan(this.total(column, line.rows)) : "")));
    }
    const row = line.row;
    return h("div", {
      class: index === this.active ? "vt-row active" : "vt-row", role: "row", style, id: `${this.id}-${index}`,
      "data-row": index, onclick: () => { this.active = index; this.paint(true); },
      ondblclick: () => this.options.open?.(row),
    }, ...columns.map((column) => {
      const value = column.value(row);
      const shown = column.render ? column.render(row) : column.money ? wan(value as number | null) : value ?? "—";
      return h("div", { class: column.money ? "vt-cell num" : "vt-cell", role: "gridcell",
        title: typeof shown === "string" || typeof shown === "number" ? String(shown) : null }, shown);
    }));
  }

  private key(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.body.clientHeight / this.rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (event.key in moves) {
      event.preventDefault();
      this.active = Math.max(0, Math.min(this.lines.length - 1, (this.active < 0 ? -1 : this.active) + moves[event.key]));
      const top = this.active * this.rowHeight;
      if (top < this.body.scrollTop) this.body.scrollTop = top;
      else if (top + this.rowHeight > this.body.scrollTop + this.body.clientHeight) {
        this.body.scrollTop = top + this.rowHeight - this.body.clientHeight;
      }
      this.paint(true);
    } else if (event.key === "Enter" && this.active >= 0) {
      const line = this.lines[this.active];
      if (line.kind === "row") this.options.open?.(line.row);
    }
  }

  private sort(column: number): void {
    this.descending = this.sortColumn === column ? !this.descending : false;
    this.sortColumn = column;
    this.active = -1;
    this.build();
  }

  private group(index: string): void {
    this.grouping = index === "" ? null : this.options.groupings?.[Number(index)] ?? null;
    this.active = -1;
    this.build();
  }

  /** The rows as shown (sorted, grouped order) with a totals line; UTF-8 with BOM for Excel. */
  exportCsv(): void {
    const { columns } = this.options;
    const cell = (v: string | number | null) => {
      const text = v == null ? "" : String(v);
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const lines = [columns.map((c) => cell(c.title)).join(",")];
    for (const row of this.shownRows()) lines.push(columns.map((c) => cell(c.value(row))).join(","));
    lines.push(columns.map((c, i) => (i === 0 ? "合计" : c.money && c.total !== false
      ? cell(this.total(c, this.options.rows)) : "")).join(","));
    download(`${this.options.name}.csv`, new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv" }));
  }
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return typeof a === "number" && typeof b === "number" ? a - b : collator.compare(String(a), String(b));
}
