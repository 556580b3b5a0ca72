import "./app.css";
import { ApiError, get } from "./api";
import { clear, csrfToken, h } from "./dom";
import { countryName, initLocale, languageName, loadLocaleData, LOCALES, locale, setLocale, t, type Locale, type MessageKey } from "./i18n";
import { dashboardPage } from "./pages/dashboard";
import { casesPage, casePage } from "./pages/cases";
import { newCasePage } from "./pages/caseform";
import { operatorPage } from "./pages/operator";
import { releasesPage } from "./pages/releases";
import { securityPage } from "./pages/security";

export interface Me {
  username: string;
  name: string;
  country: string | null;
  roles: string[];
}

export interface Page {
  /** Renders into main; may throw ApiError (a 403 becomes a readable page). */
  (main: HTMLElement, me: Me, params: string[]): Promise<void>;
}

interface Route {
  pattern: RegExp;
  roles: string[];
  menu?: MessageKey;
  href?: (me: Me) => string;
  page: Page;
}

const ROUTES: Route[] = [
  { pattern: /^\/app\/dashboard\/?$/, roles: ["regional-analyst"], menu: "nav.dashboard", href: () => "/app/dashboard", page: dashboardPage },
  { pattern: /^\/app\/releases\/?$/, roles: ["regional-analyst"], menu: "nav.releases", href: () => "/app/releases", page: releasesPage },
  {
    pattern: /^\/app\/cases\/([a-z]{2})\/?$/,
    roles: ["case-worker", "case-supervisor"],
    menu: "nav.cases",
    href: (me) => `/app/cases/${(me.country ?? "").toLowerCase()}`,
    page: casesPage,
  },
  { pattern: /^\/app\/cases\/([a-z]{2})\/new\/?$/, roles: ["case-worker", "case-supervisor"], page: newCasePage },
  { pattern: /^\/app\/cases\/([a-z]{2})\/([A-Za-z0-9-]+)\/?$/, roles: ["case-worker", "case-supervisor"], page: casePage },
  {
    pattern: /^\/app\/node\/([a-z]{2})\/?$/,
    roles: ["node-operator"],
    menu: "nav.node",
    href: (me) => `/app/node/${(me.country ?? "").toLowerCase()}`,
    page: operatorPage,
  },
  { pattern: /^\/app\/security\/?$/, roles: ["security-officer"], menu: "nav.security", href: () => "/app/security", page: securityPage },
];

let me: Me;

function allowed(route: Route): boolean {
  return route.roles.some((r) => me.roles.includes(r));
}

export function navigate(path: string): void {
  history.pushState(null, "", path);
  void render();
}

function link(href: string, label: string, current: boolean): HTMLAnchorElement {
  const a = h("a", { href, class: current ? "current" : null, "aria-current": current ? "page" : null }, label);
  a.addEventListener("click", (e) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(href);
  });
  return a;
}

function header(path: string): HTMLElement {
  const menu = ROUTES.filter((r) => r.menu && allowed(r)).map((r) => {
    const href = r.href!(me);
    return h("li", {}, link(href, t(r.menu!), path.startsWith(href)));
  });
  const picker = h(
    "select",
    { id: "language", "aria-label": t("shell.language") },
    LOCALES.map((l) => h("option", { value: l, selected: l === locale() }, languageName(l))),
  );
  picker.addEventListener("change", async () => {
    setLocale(picker.value as Locale);
    await loadLocaleData();
    void render();
  });
  const signOut = h(
    "form",
    { method: "post", action: "/logout", class: "sign-out" },
    h("input", { type: "hidden", name: "_csrf", value: csrfToken() }),
    h("button", { type: "submit", id: "sign-out" }, t("shell.signOut")),
  );
  const roles = me.roles.map((r) => t(`role.${r}` as MessageKey)).join(", ");
  return h(
    "header",
    {},
    h("div", { class: "brand" }, h("strong", {}, "Tributary"), h("span", {}, t("shell.tagline"))),
    h("nav", { "aria-label": t("shell.menu") }, h("ul", {}, menu)),
    h(
      "div",
      { class: "who", id: "who" },
      h("span", { class: "name" }, me.name),
      h("span", { class: "role", id: "who-role" }, roles || t("shell.noRole")),
      me.country ? h("span", { class: "country", id: "who-country" }, countryName(me.country)) : null,
      picker,
      signOut,
    ),
  );
}

/** A refusal as a page a person can read, not a problem document. */
export function refusal(main: HTMLElement, status: number, detail?: string): void {
  clear(main);
  const title = status === 403 ? t("error.forbidden.title") : status === 404 ? t("error.notFound.title") : t("error.other.title");
  const text = status === 403 ? t("error.forbidden.text") : status === 404 ? t("error.notFound.text") : t("error.other.text");
  main.append(
    h("section", { class: "refusal", id: "refusal", "data-status": status }, h("h1", {}, title), h("p", {}, text), detail ? h("p", { class: "detail" }, detail) : null),
  );
}

async function render(): Promise<void> {
  const path = window.location.pathname;
  const root = document.getElementById("app")!;
  clear(root);
  const main = h("main", { id: "main" });
  root.append(header(path), main);
  document.title = "Tributary";
  const home = ROUTES.find((r) => r.menu && allowed(r));
  if (path === "/app" || path === "/app/") {
    if (home) return navigate(home.href!(me));
    return refusal(main, 403, t("shell.noRole"));
  }
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (!allowed(route)) return refusal(main, 403);
    main.append(h("p", { class: "loading" }, t("shell.loading")));
    try {
      await route.page(main, me, match.slice(1));
    } catch (e) {
      if (e instanceof ApiError) return refusal(main, e.status, e.status === 403 || e.status === 404 ? undefined : e.message);
      throw e;
    }
    return;
  }
  refusal(main, 404);
}

async function start(): Promise<void> {
  initLocale();
  [me] = await Promise.all([get<Me>("/portal/me"), loadLocaleData()]);
  window.addEventListener("popstate", () => void render());
  await render();
}

void start();
