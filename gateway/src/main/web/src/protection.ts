import { h } from "./dom";
import { codeLabel, countryName, dimensionLabel, num, t, type MessageKey } from "./i18n";

/** One released number, as the aggregator sends it. */
export interface Observation {
  area: string;
  coordinates: Record<string, string>;
  value?: number;
  lower?: number;
  upper?: number;
  standardError?: number;
  numerator?: number;
  denominator?: number;
  status: string;
  note?: string;
}

export interface NodeProtection {
  nodeId: string;
  country: string;
  status: string;
  mode?: string;
  threshold?: number;
  roundingBase?: number;
  policyVersion?: number;
  releasePeriod?: string;
}

export interface Dataset {
  id: string;
  title: string;
  unit: string;
  dimensions: string[];
  observations: Observation[];
  provenance: { partial: boolean; nodesAsked: number; nodesAnswered: number; answeredAt?: string };
  protection: { note: string; nodes: NodeProtection[]; statuses: Record<string, number> };
}

export const STATUSES = ["exact", "rounded", "noisy", "interval", "suppressed", "unavailable"] as const;

export function statusLabel(status: string): string {
  const key = `status.${status}` as MessageKey;
  return t(key) === key ? status : t(key);
}

/** A released number as text: its value, its interval or its error, never a number it does not have. */
export function valueText(o: Observation, ratio: boolean): string {
  const fmt = (v: number) => (ratio ? `${num(v * 100, 1)} %` : num(v));
  switch (o.status) {
    case "interval":
      return o.lower !== undefined && o.upper !== undefined ? `${fmt(o.lower)}–${fmt(o.upper)}` : "–";
    case "noisy":
      return o.value !== undefined ? `${fmt(o.value)} ± ${num(1.96 * (o.standardError ?? 0), 1)}` : "–";
    case "suppressed":
    case "unavailable":
      return "–";
    default:
      return o.value !== undefined ? fmt(o.value) : "–";
  }
}

/** The cell of a table: the value and, always beside it, how it was protected. */
export function valueCell(o: Observation | undefined, ratio: boolean): HTMLTableCellElement {
  if (!o) return h("td", { class: "status-unavailable" }, "–", h("small", {}, statusLabel("unavailable")));
  return h(
    "td",
    { class: `num status-${o.status}`, "data-status": o.status, title: statusExplanation(o.status) },
    valueText(o, ratio),
    h("small", {}, statusLabel(o.status)),
  );
}

export function statusExplanation(status: string): string {
  const key = `status.${status}.explain` as MessageKey;
  return t(key) === key ? "" : t(key);
}

function modeText(n: NodeProtection): string {
  switch (n.mode) {
    case "ROUNDING":
      return t("protection.mode.rounding", { base: n.roundingBase ?? "?", k: n.threshold ?? "?" });
    case "DIFFERENTIAL_PRIVACY":
      return t("protection.mode.dp", { k: n.threshold ?? "?" });
    case "SUPPRESSION_ONLY":
      return t("protection.mode.suppression", { k: n.threshold ?? "?" });
    default:
      return n.mode ?? "";
  }
}

/** How every number of the data set was protected: per country, the statuses seen, the service's own note. */
export function protectionPanel(d: Dataset): HTMLElement {
  return h(
    "section",
    { class: "protection", id: "protection" },
    h("h2", {}, t("protection.title")),
    d.provenance.partial ? h("p", { class: "warning", id: "partial" }, t("protection.partial", { answered: d.provenance.nodesAnswered, asked: d.provenance.nodesAsked })) : null,
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, h("th", {}, t("table.country")), h("th", {}, t("protection.answer")), h("th", {}, t("protection.method")), h("th", {}, t("protection.policy")))),
      h(
        "tbody",
        {},
        d.protection.nodes.map((n) =>
          h(
            "tr",
            {},
            h("td", {}, countryName(n.country)),
            h("td", {}, n.status === "ok" ? t("protection.answered") : t("protection.notAnswering")),
            h("td", {}, modeText(n)),
            h("td", {}, n.policyVersion !== undefined ? t("protection.policyVersion", { version: n.policyVersion, period: n.releasePeriod ?? "" }) : ""),
          ),
        ),
      ),
    ),
    h(
      "ul",
      { class: "statuses" },
      Object.entries(d.protection.statuses).map(([s, count]) =>
        h("li", { class: `status-${s}` }, h("strong", {}, statusLabel(s)), ` ${num(count)} — ${statusExplanation(s)}`),
      ),
    ),
    h("details", {}, h("summary", {}, t("protection.serviceNote")), h("p", { lang: "en" }, d.protection.note)),
  );
}

export function coordinatesText(o: Observation, skip: string[] = []): string {
  return Object.entries(o.coordinates)
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${dimensionLabel(k)}: ${codeLabel(k, v)}`)
    .join(", ");
}
