import { ApiError, call, get } from "../api";
import { clear, h } from "../dom";
import { countryName, dateTime, num, t, type MessageKey } from "../i18n";
import type { Page } from "../main";

interface Policy {
  version: number;
  threshold: number;
  roundingBase: number;
  mode: string;
  minPopulation: number;
  allowedDimensions: string[];
  maxDimensions: number;
  killSwitch: boolean;
  suppressZeros: boolean;
  createdAt: string;
  createdBy: string;
  [k: string]: unknown;
}

interface AuditEntry {
  seq: number;
  at: string;
  requester: string;
  client: string;
  kind: string;
  cost?: number;
}

interface Ledger {
  period: string;
  requesterCap: number;
  globalCap: number;
  globalSpent: number;
  requesters: { requester: string; spent: number; cap: number }[];
}

const MODES = ["ROUNDING", "SUPPRESSION_ONLY", "DIFFERENTIAL_PRIVACY"];

/** The node operator's console: the sharing policy (versioned; the kill switch), the audit chain, the budget ledger. */
export const operatorPage: Page = async (main, _me, [country]) => {
  const api = `/api/nodes/${country}/api`;
  const [policy, audit, ledger, jobs] = await Promise.all([
    get<Policy>(`${api}/policy`),
    get<{ items: AuditEntry[] }>(`${api}/audit?size=20`),
    get<Ledger>(`${api}/budget`),
    get<ImportJob[]>(`${api}/imports?limit=20`),
  ]);
  clear(main);
  main.append(
    h("h1", {}, t("node.title", { country: countryName(country.toUpperCase()) })),
    policyForm(api, policy, main, country),
    auditPanel(api, audit.items),
    ledgerPanel(ledger),
    jobsPanel(jobs),
  );
};

function policyForm(api: string, policy: Policy, main: HTMLElement, country: string): HTMLElement {
  const number = (name: keyof Policy, label: MessageKey, min: number) =>
    h("label", {}, t(label), h("input", { type: "number", name: String(name), min, required: true, value: String(policy[name]) }));
  const message = h("div", { id: "policy-message", role: "status" });
  const form = h(
    "form",
    { id: "policy", class: "policy" },
    h("h2", {}, t("policy.title")),
    h("p", { id: "policy-version" }, t("policy.version", { version: policy.version, by: policy.createdBy, at: dateTime(policy.createdAt) })),
    h("label", {}, t("policy.mode"), h("select", { name: "mode" }, MODES.map((m) => h("option", { value: m, selected: m === policy.mode }, t(`policy.mode.${m}` as MessageKey))))),
    number("threshold", "policy.threshold", 1),
    number("roundingBase", "policy.roundingBase", 1),
    number("minPopulation", "policy.minPopulation", 0),
    number("maxDimensions", "policy.maxDimensions", 1),
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "suppressZeros", checked: policy.suppressZeros }), t("policy.suppressZeros")),
    h("label", { class: "check kill" }, h("input", { type: "checkbox", name: "killSwitch", id: "kill-switch", checked: policy.killSwitch }), t("policy.killSwitch")),
    h("button", { type: "submit", id: "policy-save" }, t("policy.save")),
    message,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const body = {
      threshold: Number(data.get("threshold")),
      roundingBase: Number(data.get("roundingBase")),
      mode: String(data.get("mode")),
      minPopulation: Number(data.get("minPopulation")),
      maxDimensions: Number(data.get("maxDimensions")),
      allowedDimensions: policy.allowedDimensions,
      killSwitch: data.get("killSwitch") === "on",
      suppressZeros: data.get("suppressZeros") === "on",
    };
    if (body.killSwitch && !policy.killSwitch && !window.confirm(t("policy.killConfirm"))) return;
    clear(message);
    try {
      const { data: saved } = await call<Policy>("PUT", `${api}/policy`, body);
      clear(main);
      main.append(h("p", { class: "ok", id: "policy-saved" }, t("policy.saved", { version: saved.version })));
      const [audit, ledger, jobs] = await Promise.all([
        get<{ items: AuditEntry[] }>(`${api}/audit?size=20`),
        get<Ledger>(`${api}/budget`),
        get<ImportJob[]>(`${api}/imports?limit=20`),
      ]);
      main.append(
        h("h1", {}, t("node.title", { country: countryName(country.toUpperCase()) })),
        policyForm(api, saved, main, country),
        auditPanel(api, audit.items),
        ledgerPanel(ledger),
        jobsPanel(jobs),
      );
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : null;
      message.append(h("p", { class: "error", role: "alert" }, problem?.detail ?? (err instanceof Error ? err.message : String(err))));
      if (problem?.errors?.length) {
        message.append(h("ul", { class: "field-errors" }, problem.errors.map((x) => h("li", {}, `${x.field ?? ""}: ${x.message ?? x.reason ?? ""}`))));
      }
    }
  });
  return form;
}

function auditPanel(api: string, items: AuditEntry[]): HTMLElement {
  const result = h("div", { id: "chain-result", role: "status" });
  const verify = h("button", { type: "button", id: "verify-chain" }, t("audit.verify"));
  verify.addEventListener("click", async () => {
    clear(result);
    const v = await get<{ intact: boolean; entries: number; checkpoints?: number }>(`${api}/audit/verify`);
    result.append(h("p", { class: v.intact ? "ok" : "error", "data-intact": String(v.intact) }, v.intact ? t("audit.intact", { entries: num(v.entries) }) : t("audit.broken")));
  });
  return h(
    "section",
    { class: "audit", id: "audit" },
    h("h2", {}, t("audit.title")),
    h("p", {}, verify),
    result,
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, ["audit.seq", "audit.at", "audit.kind", "audit.requester", "audit.client"].map((k) => h("th", {}, t(k as MessageKey))))),
      h("tbody", {}, items.map((e) => h("tr", {}, h("td", { class: "num" }, String(e.seq)), h("td", {}, dateTime(e.at)), h("td", {}, e.kind), h("td", { class: "mono" }, e.requester), h("td", {}, e.client)))),
    ),
  );
}

interface ImportJob {
  id: string;
  status: string;
  format: string;
  rowsInserted: number;
  rowsUpdated: number;
  rowsRejected: number;
  createdAt: string;
  finishedAt?: string;
}

/** The latest imports into this node (everyone's): when, how they ended, how many rows. */
function jobsPanel(jobs: ImportJob[]): HTMLElement {
  return h(
    "section",
    { class: "jobs", id: "import-jobs" },
    h("h2", {}, t("jobs.title")),
    jobs.length === 0
      ? h("p", {}, t("jobs.none"))
      : h(
          "table",
          {},
          h("thead", {}, h("tr", {}, ["audit.at", "jobs.status", "jobs.format", "jobs.rows"].map((k) => h("th", {}, t(k as MessageKey))))),
          h(
            "tbody",
            {},
            jobs.map((j) =>
              h(
                "tr",
                { "data-job": j.id, "data-status": j.status },
                h("td", {}, dateTime(j.createdAt)),
                h("td", {}, t(`jobs.status.${j.status}` as MessageKey)),
                h("td", {}, j.format),
                h("td", { class: "num" }, t("jobs.counts", { inserted: num(j.rowsInserted), updated: num(j.rowsUpdated), rejected: num(j.rowsRejected) })),
              ),
            ),
          ),
        ),
  );
}

function ledgerPanel(ledger: Ledger): HTMLElement {
  return h(
    "section",
    { class: "ledger", id: "ledger" },
    h("h2", {}, t("ledger.title", { period: ledger.period })),
    h("p", {}, t("ledger.global", { spent: num(ledger.globalSpent, 5), cap: num(ledger.globalCap, 5) })),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, h("th", {}, t("audit.requester")), h("th", {}, t("ledger.spent")), h("th", {}, t("ledger.cap")))),
      h("tbody", {}, ledger.requesters.map((r) => h("tr", {}, h("td", { class: "mono" }, r.requester), h("td", { class: "num" }, num(r.spent, 5)), h("td", { class: "num" }, num(r.cap, 5))))),
    ),
  );
}
