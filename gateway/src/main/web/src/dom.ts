// A small, safe DOM builder: text is always set as text (never parsed as HTML), so no value from an API can
// become markup.

export type Child = Node | string | number | null | undefined | false | Child[];

type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) {
      // Handlers are functions, never strings of code.
      if (typeof value !== "function") throw new Error(`refused a non-function ${name}`);
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (typeof value === "function") {
      throw new Error(`refused a function for ${name}`);
    } else if ((name === "href" || name === "src" || name === "action") && !safeUrl(String(value))) {
      throw new Error(`refused the URL of ${name}`);
    } else if (name === "class") {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

/** Same-origin paths, data: and blob: only (chart exports): never javascript: or another site. */
function safeUrl(url: string): boolean {
  return (url.startsWith("/") && !url.startsWith("//")) || url.startsWith("data:image/") || url.startsWith("blob:");
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** The CSRF token the gateway set (its name has the __Host- prefix over HTTPS). */
export function csrfToken(): string {
  return cookie("__Host-XSRF-TOKEN") ?? cookie("XSRF-TOKEN") ?? "";
}

export function cookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}
