import { BarChart, CustomChart, HeatmapChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";
import { h } from "./dom";
import { t } from "./i18n";

echarts.use([BarChart, CustomChart, LineChart, HeatmapChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

const FONT = "'Noto Sans', 'Noto Sans Khmer', 'Noto Sans Lao', 'Noto Sans Myanmar', 'Noto Sans Thai', 'Noto Sans CJK SC', sans-serif";

/** A chart with its PNG and SVG export buttons. */
export function chart(id: string, option: ChartOption, fileName: string): HTMLElement {
  const canvas = h("div", { class: "chart", id, role: "img", "aria-label": String((option.title as { text?: string })?.text ?? "") });
  // Tooltips as rich text on the canvas, not HTML (no markup from data, nothing for the CSP to allow).
  const tooltip = option.tooltip ? { ...(option.tooltip as object), renderMode: "richText" } : undefined;
  const withFont = { textStyle: { fontFamily: FONT }, animation: false, ...option, ...(tooltip ? { tooltip } : {}) };
  const box = h(
    "figure",
    { class: "chart-box" },
    canvas,
    h(
      "figcaption",
      {},
      h("button", { type: "button", class: "export-png", onclick: () => download(canvas, withFont, fileName, "png") }, t("chart.png")),
      h("button", { type: "button", class: "export-svg", onclick: () => download(canvas, withFont, fileName, "svg") }, t("chart.svg")),
    ),
  );
  // Drawn once the element is in the page (ECharts needs its size).
  requestAnimationFrame(() => {
    const instance = echarts.init(canvas, null, { renderer: "canvas" });
    instance.setOption(withFont);
    new ResizeObserver(() => instance.resize()).observe(canvas);
  });
  return box;
}

function download(canvas: HTMLElement, option: ChartOption, name: string, type: "png" | "svg"): void {
  let url: string;
  if (type === "png") {
    const instance = echarts.getInstanceByDom(canvas);
    if (!instance) return;
    url = instance.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
  } else {
    const off = h("div", { class: "offscreen" });
    off.style.width = `${canvas.clientWidth || 800}px`;
    off.style.height = `${canvas.clientHeight || 400}px`;
    document.body.append(off);
    const svg = echarts.init(off, null, { renderer: "svg" });
    svg.setOption(option);
    url = svg.getDataURL({ type: "svg" });
    svg.dispose();
    off.remove();
  }
  const a = h("a", { href: url, download: `${name}.${type}` });
  document.body.append(a);
  a.click();
  a.remove();
}
