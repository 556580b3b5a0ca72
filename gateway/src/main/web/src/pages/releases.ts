import { call, get } from "../api";
import { clear, h } from "../dom";
import { dateTime, has, num, t, type MessageKey } from "../i18n";
import { navigate, type Page } from "../main";

interface ReleaseSummary {
  number: number;
  createdAt: string;
  trigger: string;
  requestedBy: string;
  partial: boolean;
  nodesAsked: number;
  nodesAnswered: number;
  indicators: string[];
}

interface Verification {
  valid: boolean;
  number: number;
  checks: { name: string; outcome: string; detail?: string }[];
}

const FORMATS = [
  ["json", "JSON", "json"],
  ["csv", "CSV", "csv"],
  ["xlsx", "XLSX", "xlsx"],
  ["sdmx-json", "SDMX-JSON", "sdmx.json"],
  ["sdmx-csv", "SDMX-CSV", "sdmx.csv"],
] as const;

/**
 * Regional releases: immutable, signed sets of the catalogue's indicators. Make one, download it in every format,
 * verify it as any reader of the file would (signature, receipts, values recomputed from the nodes' cells).
 */
export const releasesPage: Page = async (main) => {
  const releases = await get<ReleaseSummary[]>("/api/regional/releases");
  clear(main);
  const message = h("div", { id: "release-message", role: "status" });
  const make = h("button", { type: "button", id: "make-release" }, t("releases.make"));
  make.addEventListener("click", async () => {
    if (!window.confirm(t("releases.makeConfirm"))) return;
    make.disabled = true;
    clear(message);
    try {
      await call("POST", "/api/regional/releases");
      navigate("/app/releases");
    } catch (e) {
      message.append(h("p", { class: "error", role: "alert" }, e instanceof Error ? e.message : String(e)));
      make.disabled = false;
    }
  });
  main.append(
    h("h1", {}, t("releases.title")),
    h("p", {}, t("releases.explain")),
    h("p", {}, make),
    message,
    releases.length === 0
      ? h("p", { id: "no-releases" }, t("releases.none"))
      : h(
          "table",
          { id: "releases", class: "values" },
          h("thead", {}, h("tr", {}, ["releases.number", "releases.made", "releases.by", "releases.nodes", "releases.indicators", "releases.download", "releases.verify"].map((k) => h("th", {}, t(k as MessageKey))))),
          h("tbody", {}, releases.map((r) => releaseRow(r))),
        ),
  );
};

function releaseRow(r: ReleaseSummary): HTMLTableRowElement {
  const result = h("div", { class: "verification" });
  const verify = h("button", { type: "button", class: "verify-release" }, t("releases.verify"));
  verify.addEventListener("click", async () => {
    clear(result);
    const v = await get<Verification>(`/api/regional/releases/${r.number}/verification`);
    result.append(
      h("p", { class: v.valid ? "ok" : "error", "data-valid": String(v.valid) }, v.valid ? t("releases.valid") : t("releases.invalid")),
      h("ul", {}, v.checks.map((c) => h("li", { "data-outcome": c.outcome, lang: "en" }, `${c.name}: ${c.outcome}`))),
    );
  });
  const trigger = `releases.trigger.${r.trigger}`;
  return h(
    "tr",
    { "data-release": r.number },
    h("td", { class: "num" }, String(r.number)),
    h("td", {}, dateTime(r.createdAt), h("small", {}, has(trigger) ? t(trigger) : r.trigger)),
    h("td", { class: "mono" }, r.requestedBy),
    h("td", {}, `${num(r.nodesAnswered)} / ${num(r.nodesAsked)}`, r.partial ? h("small", { class: "warning" }, t("releases.partial")) : null),
    h("td", { class: "num" }, num(r.indicators.length)),
    h("td", {}, FORMATS.map(([format, label, ext]) => h("a", { href: `/api/regional/releases/${r.number}?format=${format}`, class: `download-${format}`, download: `regional-release-${r.number}.${ext}` }, label, " "))),
    h("td", {}, verify, result),
  );
}
