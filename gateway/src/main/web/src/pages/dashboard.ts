import { call, get } from "../api";
import { chart, type ChartOption } from "../charts";
import { clear, h } from "../dom";
import { codeLabel, countryName, dimensionLabel, has, num, t } from "../i18n";
import type { Page } from "../main";
import { protectionPanel, valueCell, type Dataset, type Observation } from "../protection";

interface Indicator {
  id: string;
  title: string;
  description: string;
  unit: string;
  dimensions: string[];
  breakdowns: string[];
}

interface NodeBudget {
  nodeId: string;
  country: string;
  status: string;
  budget?: { requesterSpent: number; requesterCap: number; queriesLeft: number; singleResponseQueryCost: number; multiResponseQueryCost: number; period: string };
}

const REGION = "GMS";

/** The indicator's description in the reader's language; the service's English where there is no translation. */
function describe(i: Indicator): HTMLElement {
  const key = `indicator.${i.id}.description`;
  return has(key) ? h("p", { class: "description" }, t(key)) : h("p", { class: "description", lang: "en" }, i.description);
}

function indicatorTitle(i: { id: string; title: string }): string {
  const key = `indicator.${i.id}`;
  return has(key) ? t(key) : i.title;
}

/** The analyst's dashboard: the catalogue, one indicator at a time, its protection, downloads, the budget, a cross-tab. */
export const dashboardPage: Page = async (main) => {
  // The budget asks every node: it fills its panel when it comes, the first indicator does not wait for it.
  const budget = get<NodeBudget[]>("/api/regional/budget");
  const indicators = await get<Indicator[]>("/api/regional/indicators");
  clear(main);
  const picker = h("select", { id: "indicator", "aria-label": t("dashboard.indicator") }, indicators.map((i) => h("option", { value: i.id }, indicatorTitle(i))));
  const view = h("div", { id: "indicator-view" });
  const show = async () => {
    const indicator = indicators.find((i) => i.id === picker.value)!;
    clear(view);
    view.append(h("p", { class: "loading" }, t("shell.loading")));
    const data = await get<Dataset>(`/api/regional/indicators/${encodeURIComponent(indicator.id)}?breakdown=year`);
    clear(view);
    view.append(indicatorView(indicator, data));
  };
  picker.addEventListener("change", () => void show());
  main.append(
    h("h1", {}, t("dashboard.title")),
    h("section", { class: "toolbar" }, h("label", { for: "indicator" }, t("dashboard.indicator")), picker),
    view,
  );
  const rest = h("div", { id: "budget-and-cross-tab" }, h("p", { class: "loading" }, t("shell.loading")));
  main.append(rest);
  void budget.then(
    (b) => {
      clear(rest);
      rest.append(budgetPanel(b), crossTab(indicators, b));
    },
    () => {
      clear(rest);
      rest.append(h("p", { class: "error" }, t("error.other.text")));
    },
  );
  await show();
};

function indicatorView(indicator: Indicator, data: Dataset): HTMLElement {
  const ratio = data.unit.toUpperCase() === "RATIO";
  const others = data.dimensions.filter((d) => d !== "year");
  // Calendar years only: "_T" (all years together) is no point of a trend.
  const years = [...new Set(data.observations.map((o) => o.coordinates.year).filter((y) => /^\d{4}$/.test(y ?? "")))].sort();
  const areas = [...new Set(data.observations.map((o) => o.area))].sort((a, b) => (a === REGION ? 1 : b === REGION ? -1 : a.localeCompare(b)));
  const codes = (d: string) => [...new Set(data.observations.map((o) => o.coordinates[d]).filter(Boolean))].sort((a, b) => (a === "_T" ? -1 : b === "_T" ? 1 : a.localeCompare(b)));
  // A breakdown's parts, without its total (stacked beside its own parts it would count them twice).
  const parts = (d: string) => codes(d).filter((c) => c !== "_T");
  const selection: Record<string, string> = {};
  for (const d of others) selection[d] = codes(d)[0];
  const at = (area: string, coords: Record<string, string>) =>
    data.observations.find((o) => o.area === area && Object.entries(coords).every(([k, v]) => o.coordinates[k] === v));
  const value = (o: Observation | undefined) => (o && o.value !== undefined && (o.status === "rounded" || o.status === "exact" || o.status === "noisy") ? (ratio ? o.value * 100 : o.value) : null);

  const body = h("div", {});
  const draw = () => {
    clear(body);
    const selected = { ...selection };
    const trend: ChartOption = {
      title: { text: `${indicatorTitle(indicator)} — ${t("dashboard.trend")}`, left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 50, bottom: 60 },
      xAxis: { type: "category", data: years },
      yAxis: { type: "value", name: ratio ? "%" : t("dashboard.persons") },
      series: areas.map((a) => ({ name: countryName(a), type: ratio || a === REGION ? "line" : "bar", data: years.map((y) => value(at(a, { ...selected, year: y }))) })),
    };
    const latest = years[years.length - 1];
    const first = others[0];
    const breakdown: ChartOption | null =
      first && latest
        ? {
            title: { text: `${dimensionLabel(first)} — ${latest}`, left: "center", textStyle: { fontSize: 14 } },
            tooltip: { trigger: "axis" },
            legend: { bottom: 0 },
            grid: { left: 50, right: 20, top: 50, bottom: 60 },
            xAxis: { type: "category", data: parts(first).map((c) => codeLabel(first, c)), axisLabel: { interval: 0, rotate: 30 } },
            yAxis: { type: "value", name: ratio ? "%" : t("dashboard.persons") },
            series: areas.filter((a) => a !== REGION).map((a) => ({ name: countryName(a), type: "bar", stack: ratio ? undefined : "countries", data: parts(first).map((c) => value(at(a, { ...selected, [first]: c, year: latest }))) })),
          }
        : null;
    const corridor = others.includes("citizenship") && others.includes("countryOfExploitation") && latest ? corridorChart(data, latest, at, value) : null;
    body.append(
      h("div", { class: "charts" }, chart("trend-chart", trend, `${indicator.id}-trend`), breakdown ? chart("breakdown-chart", breakdown, `${indicator.id}-${first}`) : null, corridor),
      trendTable(years, areas, selected, at, ratio),
    );
  };
  const filters = others.map((d) => {
    const select = h("select", { "data-dimension": d, "aria-label": dimensionLabel(d) }, codes(d).map((c) => h("option", { value: c, selected: c === selection[d] }, codeLabel(d, c))));
    select.addEventListener("change", () => {
      selection[d] = select.value;
      draw();
    });
    return h("label", {}, dimensionLabel(d), " ", select);
  });
  draw();
  const base = `/api/regional/indicators/${encodeURIComponent(indicator.id)}?breakdown=year`;
  return h(
    "article",
    { class: "indicator", "data-indicator": indicator.id },
    h("h2", {}, indicatorTitle(indicator)),
    describe(indicator),
    h("div", { class: "filters" }, filters),
    body,
    h(
      "p",
      { class: "downloads" },
      t("dashboard.download"),
      " ",
      (["csv", "xlsx", "sdmx-json", "sdmx-csv"] as const).map((f) => h("a", { href: `${base}&format=${f}`, class: `download-${f}`, download: `${indicator.id}.${f === "sdmx-json" ? "json" : f === "sdmx-csv" ? "sdmx.csv" : f}` }, f.toUpperCase())),
    ),
    protectionPanel(data),
  );
}

function corridorChart(
  data: Dataset,
  year: string,
  at: (area: string, c: Record<string, string>) => Observation | undefined,
  value: (o: Observation | undefined) => number | null,
): HTMLElement {
  const citizenships = [...new Set(data.observations.map((o) => o.coordinates.citizenship))].filter((c) => c && c !== "_T").sort();
  const destinations = [...new Set(data.observations.map((o) => o.coordinates.countryOfExploitation))].filter((c) => c && c !== "_T").sort();
  const cells: [number, number, number | null][] = [];
  let max = 0;
  citizenships.forEach((c, x) =>
    destinations.forEach((d, y) => {
      const v = value(at(REGION, { year, citizenship: c, countryOfExploitation: d }));
      if (v !== null) max = Math.max(max, v);
      cells.push([x, y, v]);
    }),
  );
  const option: ChartOption = {
    title: { text: `${t("dashboard.corridor")} — ${countryName(REGION)} ${year}`, left: "center", textStyle: { fontSize: 14 } },
    tooltip: {},
    grid: { left: 110, right: 20, top: 50, bottom: 90 },
    xAxis: { type: "category", name: t("dimension.citizenship"), nameLocation: "middle", nameGap: 60, data: citizenships.map(countryName), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "category", name: t("dimension.countryOfExploitation"), nameLocation: "middle", nameGap: 90, data: destinations.map(countryName) },
    visualMap: { min: 0, max: Math.max(1, max), calculable: true, orient: "horizontal", left: "center", bottom: 0 },
    series: [{ type: "heatmap", data: cells, label: { show: true } }],
  };
  return chart("corridor-chart", option, `${data.id}-corridor-${year}`);
}

function trendTable(
  years: string[],
  areas: string[],
  selected: Record<string, string>,
  at: (area: string, c: Record<string, string>) => Observation | undefined,
  ratio: boolean,
): HTMLElement {
  return h(
    "table",
    { class: "values", id: "values" },
    h("caption", {}, t("dashboard.tableCaption")),
    h("thead", {}, h("tr", {}, h("th", {}, t("table.country")), years.map((y) => h("th", {}, y)))),
    h("tbody", {}, areas.map((a) => h("tr", {}, h("th", {}, countryName(a)), years.map((y) => valueCell(at(a, { ...selected, year: y }), ratio))))),
  );
}

function budgetPanel(budget: NodeBudget[]): HTMLElement {
  return h(
    "section",
    { class: "budget", id: "budget" },
    h("h2", {}, t("budget.title")),
    h("p", {}, t("budget.explain")),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, h("th", {}, t("table.country")), h("th", {}, t("budget.queriesLeft")), h("th", {}, t("budget.spent")), h("th", {}, t("budget.period")))),
      h(
        "tbody",
        {},
        budget.map((b) =>
          h(
            "tr",
            { "data-node": b.nodeId },
            h("td", {}, countryName(b.country)),
            h("td", { class: "num queries-left" }, b.budget ? num(b.budget.queriesLeft) : t("protection.notAnswering")),
            h("td", { class: "num" }, b.budget ? `${num((100 * b.budget.requesterSpent) / b.budget.requesterCap, 0)} %` : "–"),
            h("td", {}, b.budget?.period ?? ""),
          ),
        ),
      ),
    ),
  );
}

/** Ad-hoc cross-tabs under differential privacy: the remaining budget is shown before the question is sent. */
function crossTab(indicators: Indicator[], budget: NodeBudget[]): HTMLElement {
  const dimensions = [...new Set(indicators.flatMap((i) => i.dimensions).concat(["year"]))].filter((d) => d !== "daysToFirstService").sort();
  const checks = dimensions.map((d) => h("label", {}, h("input", { type: "checkbox", value: d, name: "dimension" }), " ", dimensionLabel(d)));
  const left = Math.min(...budget.map((b) => b.budget?.queriesLeft ?? 0));
  const result = h("div", { id: "cross-tab-result" });
  const ask = h("button", { type: "submit", id: "ask" }, t("crossTab.ask"));
  const form = h(
    "form",
    { id: "cross-tab" },
    h("h2", {}, t("crossTab.title")),
    h("p", { id: "cross-tab-budget" }, t("crossTab.before", { left: num(left) })),
    h("fieldset", {}, h("legend", {}, t("crossTab.dimensions")), checks),
    ask,
    result,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const chosen = checks.map((c) => c.querySelector("input")!).filter((i) => i.checked).map((i) => i.value);
    clear(result);
    if (chosen.length === 0 || chosen.length > 3) {
      result.append(h("p", { class: "error" }, t("crossTab.choose")));
      return;
    }
    ask.disabled = true;
    try {
      const { data } = await call<Dataset>("POST", "/api/regional/queries", { dimensions: chosen });
      result.append(crossTabTable(data));
    } catch (err) {
      result.append(h("p", { class: "error", role: "alert" }, err instanceof Error ? err.message : String(err)));
    } finally {
      ask.disabled = false;
    }
  });
  return form;
}

/**
 * The cross-tab's first dimension for the region and each country, with the 95 % margin of every noisy value as an
 * error bar (values that are not published stay gaps).
 */
function crossTabChart(d: Dataset): HTMLElement | null {
  const first = d.dimensions[0];
  if (!first) return null;
  const rest = d.dimensions.slice(1);
  const totalElsewhere = (o: Observation) => rest.every((x) => o.coordinates[x] === "_T" || o.coordinates[x] === undefined);
  const rows = d.observations.filter((o) => totalElsewhere(o) && o.coordinates[first] !== "_T");
  const codes = [...new Set(rows.map((o) => o.coordinates[first]))].sort();
  const areas = [...new Set(rows.map((o) => o.area))].sort((a, b) => (a === REGION ? 1 : b === REGION ? -1 : a.localeCompare(b)));
  if (codes.length === 0) return null;
  const at = (a: string, c: string) => rows.find((o) => o.area === a && o.coordinates[first] === c);
  const shown = (o: Observation | undefined) => (o && o.value !== undefined && (o.status === "noisy" || o.status === "rounded" || o.status === "exact") ? o.value : null);
  const bars = areas.map((a) => ({ name: countryName(a), type: "bar", data: codes.map((c) => shown(at(a, c))) }));
  // One error-bar series per area, drawn over its bars: a vertical line from value − 1.96 SE to value + 1.96 SE.
  const errors = areas.map((a, index) => ({
    name: countryName(a),
    type: "custom",
    z: 10,
    tooltip: { show: false },
    renderItem: (params: { coordSys: unknown }, api: { value: (i: number) => number; coord: (v: number[]) => number[]; size: (v: number[]) => number[] }) => {
      const x = api.value(0);
      const low = api.coord([x, api.value(1)]);
      const high = api.coord([x, api.value(2)]);
      const band = api.size([1, 0])[0] * 0.8;
      const offset = (index - (areas.length - 1) / 2) * (band / areas.length);
      void params;
      return {
        type: "group",
        children: [
          { type: "line", shape: { x1: low[0] + offset, y1: low[1], x2: high[0] + offset, y2: high[1] }, style: { stroke: "#333", lineWidth: 1.5 } },
          { type: "line", shape: { x1: low[0] + offset - 4, y1: low[1], x2: low[0] + offset + 4, y2: low[1] }, style: { stroke: "#333" } },
          { type: "line", shape: { x1: high[0] + offset - 4, y1: high[1], x2: high[0] + offset + 4, y2: high[1] }, style: { stroke: "#333" } },
        ],
      };
    },
    data: codes
      .map((c, i) => {
        const o = at(a, c);
        return o && o.status === "noisy" && o.value !== undefined && o.standardError ? [i, o.value - 1.96 * o.standardError, o.value + 1.96 * o.standardError] : null;
      })
      .filter((v): v is number[] => v !== null),
  }));
  const option: ChartOption = {
    title: { text: `${t("crossTab.title")} — ${dimensionLabel(first)}`, left: "center", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "axis" },
    legend: { bottom: 0, data: areas.map(countryName) },
    grid: { left: 50, right: 20, top: 50, bottom: 70 },
    xAxis: { type: "category", data: codes.map((c) => codeLabel(first, c)), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value", name: t("dashboard.persons") },
    series: [...bars, ...errors],
  };
  return chart("cross-tab-chart", option, `cross-tab-${d.dimensions.join("-")}`);
}

function crossTabTable(d: Dataset): HTMLElement {
  const rows = d.observations.slice(0, 500);
  return h(
    "div",
    {},
    crossTabChart(d),
    h(
      "table",
      { class: "values" },
      h("thead", {}, h("tr", {}, h("th", {}, t("table.country")), d.dimensions.map((x) => h("th", {}, dimensionLabel(x))), h("th", {}, t("table.value")))),
      h("tbody", {}, rows.map((o) => h("tr", {}, h("td", {}, countryName(o.area)), d.dimensions.map((x) => h("td", {}, codeLabel(x, o.coordinates[x] ?? ""))), valueCell(o, false)))),
    ),
    d.observations.length > rows.length ? h("p", {}, t("crossTab.more", { shown: num(rows.length), all: num(d.observations.length) })) : null,
    protectionPanel(d),
  );
}
