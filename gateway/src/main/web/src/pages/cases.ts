import { ApiError, call, get, type Problem } from "../api";
import { clear, csrfToken, h } from "../dom";
import { codeLabel, countryName, dateTime, dimensionLabel, num, t } from "../i18n";
import { navigate, type Page } from "../main";
import { caseForm } from "./caseform";

interface CaseSummary {
  id: string;
  externalRef: string;
  version: number;
  registeredOn: string;
  identificationStage: string;
  gender: string;
  ageBand: string;
  citizenship: string[];
  countryOfExploitation: string;
  exploitationTypes: string[];
  caseStatus: string;
}

interface CasePage {
  items: CaseSummary[];
  page: number;
  size: number;
  total: number;
}

interface Service {
  serviceType: string;
  stage: string;
  status: string;
  providerType?: string;
  startDate?: string;
  endDate?: string;
}

interface CaseRecord extends CaseSummary {
  caseOwner?: string;
  returnedOn?: string;
  returnedTo?: string;
  assistance?: Service[];
  followUps?: { date?: string; followUpDate?: string; outcome?: string; [k: string]: unknown }[];
  [field: string]: unknown;
}

interface History {
  entries: { at: string; actor: string; action: string; fields: string[] }[];
}

const SIZE = 20;

function base(country: string): string {
  return `/api/nodes/${country}/api`;
}

/** A case worker's list: their own cases (a supervisor's: all), with filters and paging. */
export const casesPage: Page = async (main, _me, [country]) => {
  const params = new URLSearchParams(window.location.search);
  const query = new URLSearchParams();
  for (const k of ["status", "year", "citizenship", "stage"]) if (params.get(k)) query.set(k, params.get(k)!);
  const page = Number(params.get("page") ?? "0");
  query.set("page", String(page));
  query.set("size", String(SIZE));
  const list = await get<CasePage>(`${base(country)}/cases?${query}`);
  clear(main);
  const filter = (name: string, options: string[], label: string) =>
    h("label", {}, label, " ", h("select", { name }, h("option", { value: "" }, t("cases.any")), options.map((o) => h("option", { value: o, selected: params.get(name) === o }, name === "citizenship" ? countryName(o) : codeLabel(name === "stage" ? "identificationStage" : name, o)))));
  const form = h(
    "form",
    { class: "filters", id: "case-filters" },
    filter("status", ["Active", "Closed"], t("cases.status")),
    filter("stage", ["Destination", "Transit", "OriginAfterReturn"], dimensionLabel("identificationStage")),
    filter("citizenship", ["KH", "TH", "VN", "LA", "MM", "CN"], dimensionLabel("citizenship")),
    h("label", {}, t("cases.year"), " ", h("input", { name: "year", type: "number", min: 1900, max: 2100, value: params.get("year") ?? "" })),
    h("button", { type: "submit" }, t("cases.search")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    new FormData(form).forEach((v, k) => v && next.set(k, String(v)));
    navigate(`/app/cases/${country}?${next}`);
  });
  const pages = Math.max(1, Math.ceil(list.total / SIZE));
  const go = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    navigate(`/app/cases/${country}?${next}`);
  };
  main.append(
    h("h1", {}, t("cases.title", { country: countryName(country.toUpperCase()) })),
    h(
      "p",
      { class: "actions" },
      h("a", { href: `/app/cases/${country}/new`, id: "new-case", onclick: (e: Event) => { e.preventDefault(); navigate(`/app/cases/${country}/new`); } }, t("caseForm.new")),
      " · ",
      h("a", { href: `${base(country)}/imports/template`, download: "tributary-import-template.xlsx" }, t("import.template")),
    ),
    importPanel(country),
    form,
    h("p", { id: "case-total" }, t("cases.total", { total: num(list.total) })),
    h(
      "table",
      { class: "cases", id: "cases" },
      h("thead", {}, h("tr", {}, ["cases.ref", "cases.registered", "cases.status"].map((k) => h("th", {}, t(k as "cases.ref"))), ["identificationStage", "gender", "ageBand", "citizenship", "countryOfExploitation"].map((d) => h("th", {}, dimensionLabel(d))))),
      h(
        "tbody",
        {},
        list.items.map((c) => {
          const target = `/app/cases/${country}/${encodeURIComponent(c.id)}`;
          const open = h("a", { href: target }, c.externalRef || c.id);
          open.addEventListener("click", (e) => {
            e.preventDefault();
            navigate(target);
          });
          return h(
            "tr",
            {},
            h("td", {}, open),
            h("td", {}, c.registeredOn),
            h("td", {}, codeLabel("caseStatus", c.caseStatus)),
            h("td", {}, codeLabel("identificationStage", c.identificationStage)),
            h("td", {}, codeLabel("gender", c.gender)),
            h("td", {}, c.ageBand),
            h("td", {}, c.citizenship.map(countryName).join(", ")),
            h("td", {}, c.countryOfExploitation ? countryName(c.countryOfExploitation) : ""),
          );
        }),
      ),
    ),
    h(
      "nav",
      { class: "paging", "aria-label": t("cases.paging") },
      h("button", { type: "button", disabled: page <= 0, onclick: () => go(page - 1) }, t("cases.previous")),
      h("span", {}, t("cases.page", { page: num(page + 1), pages: num(pages) })),
      h("button", { type: "button", disabled: page + 1 >= pages, onclick: () => go(page + 1) }, t("cases.next")),
    ),
  );
};

/** The HTCDS Excel template (or CSV/JSON) in; a progress bar while it goes; the per-row errors as a table. */
function importPanel(country: string): HTMLElement {
  const file = h("input", { type: "file", name: "file", id: "import-file", accept: ".xlsx,.csv,.json", required: true });
  const progress = h("progress", { id: "import-progress", max: 100, value: 0, hidden: true });
  const result = h("div", { id: "import-result", role: "status" });
  const form = h(
    "form",
    { class: "import", id: "import" },
    h("h2", {}, t("import.title")),
    h("p", {}, t("import.explain")),
    file,
    h("button", { type: "submit", id: "import-submit" }, t("import.submit")),
    progress,
    result,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return;
    clear(result);
    progress.hidden = false;
    progress.value = 0;
    const body = new FormData();
    body.append("file", chosen);
    // XMLHttpRequest, not fetch: it reports upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${base(country)}/imports`);
    xhr.setRequestHeader("Accept", "application/json, application/problem+json");
    xhr.setRequestHeader("X-XSRF-TOKEN", csrfToken());
    xhr.upload.onprogress = (p) => {
      if (p.lengthComputable) progress.value = Math.round((50 * p.loaded) / p.total);
    };
    xhr.onload = () => {
      let data: Record<string, unknown> | null = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status === 202 && data) void poll(country, String(data.id), progress, result);
      else showImport(xhr.status, data, progress, result);
    };
    xhr.onerror = () => showImport(0, null, progress, result);
    xhr.send(body);
  });
  return form;
}

async function poll(country: string, id: string, progress: HTMLProgressElement, result: HTMLElement): Promise<void> {
  for (;;) {
    const job = await get<Record<string, unknown>>(`${base(country)}/imports/${id}`);
    const total = Number(job.rowsTotal ?? 0);
    if (total > 0) progress.value = 50 + Math.round((50 * Number(job.rowsProcessed)) / total);
    if (job.status !== "RUNNING" && job.status !== "QUEUED") return showImport(String(job.status).startsWith("SUCCEEDED") ? 200 : 422, job, progress, result);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function showImport(status: number, data: Record<string, unknown> | null, progress: HTMLProgressElement, result: HTMLElement): void {
  progress.value = 100;
  clear(result);
  if (status >= 200 && status < 300 && data) {
    result.append(h("p", { class: "ok", id: "import-ok" }, t("import.done", { inserted: num(Number(data.rowsInserted ?? 0)), updated: num(Number(data.rowsUpdated ?? 0)) })));
    return;
  }
  const problem = (data ?? {}) as Problem & { rowsRejected?: number };
  result.append(h("p", { class: "error", role: "alert", id: "import-error" }, status === 403 ? t("error.forbidden.text") : t("import.rejected", { rows: num(Number(problem.rowsRejected ?? 0)) }), problem.detail ? h("br") : null, problem.detail ?? ""));
  if (problem.errors?.length) {
    result.append(
      h(
        "table",
        { class: "row-errors", id: "row-errors" },
        h("thead", {}, h("tr", {}, h("th", {}, t("import.row")), h("th", {}, t("import.field")), h("th", {}, t("import.value")), h("th", {}, t("import.reason")))),
        h("tbody", {}, problem.errors.map((e) => h("tr", {}, h("td", { class: "num" }, String(e.row)), h("td", {}, e.field), h("td", {}, e.value ?? ""), h("td", { lang: "en" }, e.reason)))),
      ),
    );
  }
}

/** One case: its record, the assistance and follow-up history, who changed what (field names only), close, erase. */
export const casePage: Page = async (main, _me, [country, id]) => {
  const url = `${base(country)}/cases/${encodeURIComponent(id)}`;
  const { data: record, response } = await call<CaseRecord>("GET", url);
  const history = await get<History>(`${url}/history`);
  const etag = response.headers.get("ETag") ?? `"${record.version}"`;
  clear(main);
  const back = h("a", { href: `/app/cases/${country}` }, t("cases.back"));
  back.addEventListener("click", (e) => {
    e.preventDefault();
    navigate(`/app/cases/${country}`);
  });
  const fields: [string, string][] = [
    [t("cases.ref"), record.externalRef],
    [t("cases.registered"), record.registeredOn],
    [t("cases.status"), codeLabel("caseStatus", record.caseStatus)],
    [dimensionLabel("identificationStage"), codeLabel("identificationStage", record.identificationStage)],
    [dimensionLabel("gender"), codeLabel("gender", record.gender)],
    [dimensionLabel("ageBand"), record.ageBand ?? ""],
    [dimensionLabel("citizenship"), (record.citizenship ?? []).map(countryName).join(", ")],
    [dimensionLabel("countryOfExploitation"), record.countryOfExploitation ? countryName(record.countryOfExploitation) : ""],
    [dimensionLabel("exploitationType"), (record.exploitationTypes ?? []).map((x) => codeLabel("exploitationType", x)).join(", ")],
    [t("cases.returned"), record.returnedOn ? `${record.returnedOn} → ${record.returnedTo ? countryName(record.returnedTo) : ""}` : ""],
    [t("cases.owner"), record.caseOwner ?? ""],
  ];
  const message = h("div", { id: "case-message", role: "status" });
  const closeReason = h("input", { name: "reason", required: true, maxlength: 200, "aria-label": t("cases.closeReason") });
  const closeForm = h("form", { class: "inline", id: "close-case" }, closeReason, h("button", { type: "submit" }, t("cases.close")));
  closeForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!window.confirm(t("cases.closeConfirm"))) return;
    await act(() => call("POST", `${url}/close`, { reason: closeReason.value }, { "If-Match": etag }), message, country, id);
  });
  const erase = h("button", { type: "button", class: "danger", id: "erase-case" }, t("cases.erase"));
  erase.addEventListener("click", async () => {
    if (!window.confirm(t("cases.eraseConfirm", { ref: record.externalRef }))) return;
    await act(() => call("DELETE", url, undefined, { "If-Match": etag }), message, country, null);
  });
  main.append(
    h("p", {}, back),
    h("h1", {}, t("cases.case", { ref: record.externalRef })),
    message,
    h("dl", { class: "record" }, fields.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    h("h2", {}, t("cases.assistance")),
    h(
      "table",
      { class: "assistance", id: "assistance" },
      h("thead", {}, h("tr", {}, ["cases.service", "cases.stage", "cases.serviceStatus", "cases.start", "cases.end"].map((k) => h("th", {}, t(k as "cases.service"))))),
      h("tbody", {}, (record.assistance ?? []).map((s) => h("tr", {}, h("td", {}, codeLabel("service", s.serviceType)), h("td", {}, codeLabel("stage", s.stage)), h("td", {}, codeLabel("serviceStatus", s.status)), h("td", {}, s.startDate ?? ""), h("td", {}, s.endDate ?? "")))),
    ),
    h("h2", {}, t("cases.followUps")),
    (record.followUps ?? []).length === 0 ? h("p", {}, t("cases.none")) : h("ul", {}, (record.followUps ?? []).map((f) => h("li", {}, Object.entries(f).map(([k, v]) => `${k}: ${String(v)}`).join(" · ")))),
    h("h2", {}, t("cases.history")),
    h("table", { class: "history", id: "history" }, h("tbody", {}, history.entries.map((e) => h("tr", {}, h("td", {}, dateTime(e.at)), h("td", {}, e.actor), h("td", {}, e.action), h("td", {}, e.fields.join(", ")))))),
    h("details", { class: "case-edit", id: "case-edit" }, h("summary", {}, t("caseForm.edit")), caseForm(country, record, etag)),
    h("section", { class: "case-actions" }, record.caseStatus === "Active" ? closeForm : null, erase),
  );
};

async function act(run: () => Promise<unknown>, message: HTMLElement, country: string, id: string | null): Promise<void> {
  clear(message);
  try {
    await run();
    navigate(id ? `/app/cases/${country}/${id}` : `/app/cases/${country}`);
  } catch (e) {
    const text = e instanceof ApiError && e.status === 412 ? t("cases.conflict") : e instanceof Error ? e.message : String(e);
    message.append(h("p", { class: "error", role: "alert" }, text));
  }
}
