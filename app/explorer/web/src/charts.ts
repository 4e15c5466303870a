// ECharts, imported piece by piece (only the charts we draw), in the Okabe–Ito palette, which
// people with any common colour-vision deficiency can tell apart. Each chart sits in a panel
// with PNG and SVG export.
import { BarChart, GraphChart, LineChart, SankeyChart, TreemapChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { LabelLayout } from "echarts/features";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";
import { download, h } from "./dom";

echarts.use([AriaComponent, BarChart, GraphChart, LineChart, SankeyChart, TreemapChart, GridComponent, LegendComponent,
  TitleComponent, TooltipComponent, LabelLayout, CanvasRenderer, SVGRenderer]);

/** Okabe & Ito (2008), black last. */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

export type Option = echarts.EChartsCoreOption;

const charts = new Set<Chart>();

/** Every chart on the page is disposed when the view changes. */
export function disposeCharts(): void {
  for (const chart of charts) chart.dispose();
  charts.clear();
}

export class Chart {
  readonly element: HTMLElement;
  private readonly canvas: HTMLElement;
  private instance: echarts.ECharts | null = null;
  private option: Option = {};
  private readonly observer: ResizeObserver;

  constructor(private readonly name: string, height = 380, label = name) {
    this.canvas = h("div", { class: "chart", role: "img", "aria-label": label });
    this.canvas.style.height = `${height}px`;
    this.element = h("div", { class: "chart-panel", "data-chart": name },
      h("div", { class: "toolbar" },
        h("button", { type: "button", onclick: () => this.exportImage("png") }, "导出 PNG"),
        h("button", { type: "button", onclick: () => this.exportImage("svg") }, "导出 SVG")),
      this.canvas);
    this.observer = new ResizeObserver(() => this.instance?.resize());
    charts.add(this);
  }

  /** Draw (the panel must be in the document, so it has a size). */
  set(option: Option): echarts.ECharts {
    // aria: ECharts describes the chart's data in the container's aria-label for screen readers.
    this.option = { color: PALETTE, textStyle: { fontFamily: FONT }, aria: { enabled: true }, ...option };
    this.instance ??= echarts.init(this.canvas, null, { renderer: "canvas", locale: "ZH" });
    this.instance.setOption(this.option, true);
    this.observer.observe(this.canvas);
    return this.instance;
  }

  /** PNG from the live canvas; SVG by drawing the same option once more with the SVG renderer. */
  exportImage(type: "png" | "svg"): void {
    if (!this.instance) return;
    if (type === "png") {
      download(`${this.name}.png`, this.instance.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" }));
      return;
    }
    const svg = echarts.init(null, null, { renderer: "svg", ssr: true, locale: "ZH",
      width: this.canvas.clientWidth, height: this.canvas.clientHeight });
    svg.setOption({ ...this.option, animation: false });
    download(`${this.name}.svg`, new Blob([svg.renderToSVGString()], { type: "image/svg+xml" }));
    svg.dispose();
  }

  dispose(): void {
    this.observer.disconnect();
    this.instance?.dispose();
    this.instance = null;
  }
}

export const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** A sparkline as plain SVG: cheap enough for every row of a long table. */
export function sparkline(values: (number | null)[], width = 110, height = 24): SVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("class", "spark");
  svg.setAttribute("aria-hidden", "true");
  const stated = values.filter((v): v is number => v != null);
  if (!stated.length) return svg;
  const max = Math.max(...stated), min = Math.min(0, ...stated);
  const x = (i: number) => (values.length === 1 ? width / 2 : 3 + (i * (width - 6)) / (values.length - 1));
  const y = (v: number) => height - 3 - ((v - min) / (max - min || 1)) * (height - 6);
  const points = values.map((v, i) => (v == null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`));
  const path = document.createElementNS(ns, "polyline");
  path.setAttribute("points", points.filter(Boolean).join(" "));
  path.setAttribute("fill", "none");
  path.setAttribute("stroke", PALETTE[0]);
  path.setAttribute("stroke-width", "1.5");
  svg.append(path);
  values.forEach((v, i) => {
    if (v == null) return;
    const dot = document.createElementNS(ns, "circle");
    dot.setAttribute("cx", x(i).toFixed(1));
    dot.setAttribute("cy", y(v).toFixed(1));
    dot.setAttribute("r", "2");
    dot.setAttribute("fill", PALETTE[i === values.length - 1 ? 5 : 0]);
    svg.append(dot);
  });
  return svg;
}
