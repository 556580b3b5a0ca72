import { call, get } from "../api";
import { clear, h } from "../dom";
import { countryName, dateTime, num, t, type MessageKey } from "../i18n";
import { navigate, type Page } from "../main";

interface User {
  id: string;
  username: string;
  firstName?: string;
  lastName?: string;
  enabled: boolean;
  realmRoles: string[];
  country?: string;
  lastAccess?: string | null;
  activeSessions?: number;
}

interface Client {
  clientId: string;
  enabled: boolean;
  access: string;
  serviceAccountEnabled: boolean;
  serviceAccountRealmRoles: string[];
}

interface AccessEvent {
  source: string;
  time: string;
  sub?: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

const CONTRACT_ROLES = ["case-worker", "case-supervisor", "node-operator", "regional-analyst", "security-officer", "federation-aggregator", "metrics-reader"];

/** The security officer's console: access review, disabling a user and ending their sessions, access events, audit chains. */
export const securityPage: Page = async (main) => {
  const [users, events, clients] = await Promise.all([
    get<{ users: User[] }>("/api/security/users"),
    get<{ events: AccessEvent[] }>("/api/security/access-events?limit=50"),
    get<Client[]>("/api/security/clients"),
  ]);
  clear(main);
  const message = h("div", { id: "security-message", role: "status" });
  main.append(
    h("h1", {}, t("security.title")),
    message,
    h(
      "section",
      { id: "users" },
      h("h2", {}, t("security.users")),
      h(
        "table",
        { class: "users" },
        h("thead", {}, h("tr", {}, ["security.user", "security.roles", "table.country", "security.enabled", "security.lastAccess", "security.sessions", "security.actions"].map((k) => h("th", {}, t(k as MessageKey))))),
        h(
          "tbody",
          {},
          users.users.map((u) =>
            h(
              "tr",
              { "data-user": u.username },
              h("td", {}, u.username, h("small", {}, [u.firstName, u.lastName].filter(Boolean).join(" "))),
              h("td", {}, u.realmRoles.filter((r) => CONTRACT_ROLES.includes(r)).map((r) => t(`role.${r}` as MessageKey)).join(", ")),
              h("td", {}, u.country ? countryName(u.country) : ""),
              h("td", {}, u.enabled ? t("security.yes") : t("security.no")),
              h("td", {}, dateTime(u.lastAccess ?? null)),
              h("td", { class: "num" }, num(u.activeSessions ?? 0)),
              h(
                "td",
                {},
                u.enabled ? h("button", { type: "button", class: "danger disable-user", onclick: () => act(`/api/security/users/${encodeURIComponent(u.id)}/disable`, t("security.disableConfirm", { user: u.username }), message) }, t("security.disable")) : null,
                h("button", { type: "button", class: "end-sessions", onclick: () => act(`/api/security/users/${encodeURIComponent(u.id)}/logout`, t("security.logoutConfirm", { user: u.username }), message) }, t("security.endSessions")),
              ),
            ),
          ),
        ),
      ),
    ),
    h(
      "section",
      { id: "clients" },
      h("h2", {}, t("security.clients")),
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, ["security.client", "security.enabled", "security.access", "security.roles"].map((k) => h("th", {}, t(k as MessageKey))))),
        h(
          "tbody",
          {},
          clients.map((c) =>
            h(
              "tr",
              { "data-client": c.clientId },
              h("td", { class: "mono" }, c.clientId),
              h("td", {}, c.enabled ? t("security.yes") : t("security.no")),
              h("td", {}, c.access),
              h("td", {}, c.serviceAccountEnabled ? c.serviceAccountRealmRoles.filter((r) => CONTRACT_ROLES.includes(r)).map((r) => t(`role.${r}` as MessageKey)).join(", ") : "–"),
            ),
          ),
        ),
      ),
    ),
    chainsPanel(),
    h(
      "section",
      { id: "access-events" },
      h("h2", {}, t("security.events")),
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, ["audit.at", "security.source", "audit.requester", "security.request", "security.status", "security.duration"].map((k) => h("th", {}, t(k as MessageKey))))),
        h("tbody", {}, events.events.map((e) => h("tr", {}, h("td", {}, dateTime(e.time)), h("td", {}, e.source), h("td", { class: "mono" }, e.sub ?? ""), h("td", { class: "mono" }, `${e.method} ${e.path}`), h("td", { class: "num" }, String(e.status)), h("td", { class: "num" }, `${num(e.durationMs)} ms`)))),
      ),
    ),
  );
};

function chainsPanel(): HTMLElement {
  const result = h("div", { id: "chains-result", role: "status" });
  const check = h("button", { type: "button", id: "check-chains" }, t("security.checkChains"));
  check.addEventListener("click", async () => {
    clear(result);
    const r = await get<{ nodes: { country: string; status: string; intact?: boolean; entries?: number }[] }>("/api/security/audit-chains");
    result.append(h("ul", {}, r.nodes.map((n) => h("li", { "data-status": n.status }, `${countryName(n.country)}: ${n.intact ? t("audit.intact", { entries: num(n.entries ?? 0) }) : t("audit.broken")}`))));
  });
  return h("section", { id: "chains" }, h("h2", {}, t("security.chains")), check, result);
}

async function act(path: string, question: string, message: HTMLElement): Promise<void> {
  if (!window.confirm(question)) return;
  clear(message);
  try {
    await call("POST", path);
    navigate("/app/security");
  } catch (e) {
    message.append(h("p", { class: "error", role: "alert" }, e instanceof Error ? e.message : String(e)));
  }
}
