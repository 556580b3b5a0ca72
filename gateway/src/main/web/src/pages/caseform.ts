import { ApiError, call } from "../api";
import { clear, h } from "../dom";
import { codeLabel, countryName, dimensionLabel, t, type MessageKey } from "../i18n";
import { navigate, type Page } from "../main";

const TRAFFICKING = ["PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking"];
const STAGES = ["Destination", "Transit", "OriginAfterReturn"];
const GENDERS = ["Feminine", "Masculine", "TransgenderFeminine", "TransgenderMasculine", "NonConforming", "NonSpecifiedUnknown"];
const CASE_STATUSES = ["Active", "FollowUp", "Closed", "ClosedReferred"];
const EXPLOITATION = ["ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage", "Servitude", "ForcedMilitaryByNonStateActors", "OrganRemoval", "ForcedBegging", "ForcedAdoption", "Surrogacy", "Other"];
const COUNTRIES = ["KH", "CN", "LA", "MM", "TH", "VN", "MY"];

/** The fields of the record that are the server's, not the case worker's (left out of what is sent back). */
const SERVER_FIELDS = ["id", "version", "createdAt", "createdBy", "updatedAt", "updatedBy"];

type Record = { [field: string]: unknown };

function select(name: string, values: string[], current: unknown, label: (v: string) => string, required = false): HTMLSelectElement {
  return h(
    "select",
    { name, required },
    required ? null : h("option", { value: "" }, "–"),
    values.map((v) => h("option", { value: v, selected: v === current }, label(v))),
  );
}

function field(label: string, input: HTMLElement): HTMLLabelElement {
  return h("label", {}, label, input);
}

/**
 * The case form: the record's main HTCDS fields (the rest — assistance, follow-up, personal details — is kept as it
 * is). Saving sends the version read (If-Match); if someone saved in between, the page says so and keeps the form.
 */
export function caseForm(country: string, record: Record | null, etag: string | null): HTMLFormElement {
  const r = record ?? { caseStatus: "Active", traffickingStatus: "PossibleVictimOfTrafficking", consentToAggregateUse: true };
  const exploitation = (r.exploitationTypes as string[] | undefined) ?? [];
  const message = h("div", { id: "case-form-message", role: "status" });
  const form = h(
    "form",
    { id: "case-form", class: "policy" },
    h("h2", {}, record ? t("caseForm.edit") : t("caseForm.new")),
    field(t("cases.ref"), h("input", { name: "externalRef", required: true, maxlength: 64, value: String(r.externalRef ?? ""), readonly: !!record })),
    field(t("cases.registered"), h("input", { name: "registeredOn", type: "date", value: String(r.registeredOn ?? "") })),
    field(t("caseForm.traffickingStatus"), select("traffickingStatus", TRAFFICKING, r.traffickingStatus, (v) => t(`code.traffickingStatus.${v}` as MessageKey), true)),
    field(dimensionLabel("identificationStage"), select("identificationStage", STAGES, r.identificationStage, (v) => codeLabel("identificationStage", v))),
    field(dimensionLabel("gender"), select("gender", GENDERS, r.gender, (v) => codeLabel("gender", v))),
    field(t("caseForm.age"), h("input", { name: "ageAtIdentification", type: "number", min: 0, max: 130, value: r.ageAtIdentification === undefined || r.ageAtIdentification === null ? "" : String(r.ageAtIdentification) })),
    field(dimensionLabel("citizenship"), select("citizenship", COUNTRIES, ((r.citizenship as string[] | undefined) ?? [])[0], countryName)),
    field(dimensionLabel("countryOfExploitation"), select("countryOfExploitation", COUNTRIES, r.countryOfExploitation, countryName)),
    field(t("cases.status"), select("caseStatus", CASE_STATUSES, r.caseStatus, (v) => codeLabel("caseStatus", v), true)),
    h("fieldset", {}, h("legend", {}, dimensionLabel("exploitationType")), EXPLOITATION.map((x) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "exploitationTypes", value: x, checked: exploitation.includes(x) }), codeLabel("exploitationType", x)))),
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "informedOfEntitlements", checked: r.informedOfEntitlements === true }), dimensionLabel("informedOfEntitlements")),
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "consentToAggregateUse", checked: r.consentToAggregateUse !== false }), t("caseForm.consent")),
    h("button", { type: "submit", id: "case-save" }, t("caseForm.save")),
    message,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const text = (name: string) => {
      const v = String(data.get(name) ?? "").trim();
      return v === "" ? null : v;
    };
    const body: Record = { ...(record ?? {}) };
    for (const f of SERVER_FIELDS) delete body[f];
    Object.assign(body, {
      externalRef: text("externalRef"),
      registeredOn: text("registeredOn"),
      traffickingStatus: text("traffickingStatus"),
      identificationStage: text("identificationStage"),
      gender: text("gender"),
      ageAtIdentification: text("ageAtIdentification") === null ? null : Number(text("ageAtIdentification")),
      citizenship: text("citizenship") ? [text("citizenship")] : [],
      countryOfExploitation: text("countryOfExploitation"),
      caseStatus: text("caseStatus"),
      exploitationTypes: data.getAll("exploitationTypes").map(String),
      informedOfEntitlements: data.get("informedOfEntitlements") === "on",
      consentToAggregateUse: data.get("consentToAggregateUse") === "on",
    });
    clear(message);
    const base = `/api/nodes/${country}/api/cases`;
    try {
      const { data: saved } = record
        ? await call<Record>("PUT", `${base}/${encodeURIComponent(String(record.id))}`, body, { "If-Match": etag ?? `"${String(record.version)}"` })
        : await call<Record>("POST", base, body);
      navigate(`/app/cases/${country}/${encodeURIComponent(String(saved.id))}`);
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : null;
      const conflict = err instanceof ApiError && (err.status === 409 || err.status === 412);
      message.append(h("p", { class: "error", role: "alert", id: conflict ? "case-conflict" : "case-error" }, conflict ? t("cases.conflict") : (problem?.detail ?? (err instanceof Error ? err.message : String(err)))));
      if (!conflict && problem?.errors?.length) {
        message.append(h("ul", { class: "field-errors" }, problem.errors.map((x) => h("li", {}, `${x.field ?? ""}: ${x.message ?? x.reason ?? ""}`))));
      }
    }
  });
  return form;
}

/** A new case. */
export const newCasePage: Page = async (main, _me, [country]) => {
  clear(main);
  main.append(h("h1", {}, t("caseForm.new")), caseForm(country, null, null));
};
