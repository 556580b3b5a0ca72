import en from "../messages/en.json";
import km from "../messages/km.json";
import lo from "../messages/lo.json";
import my from "../messages/my.json";
import th from "../messages/th.json";
import vi from "../messages/vi.json";
import zhCN from "../messages/zh-CN.json";

/** Every label of the application; en.json is the reference, and the build fails on a key missing elsewhere. */
export type MessageKey = keyof typeof en;

export const LOCALES = ["en", "km", "lo", "my", "th", "vi", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

const CATALOGS: Record<Locale, Record<string, string>> = { en, km, lo, my, th, vi, "zh-CN": zhCN };
const STORED = "tributary.locale";

let current: Locale = "en";

export function locale(): Locale {
  return current;
}

/** The stored choice, else the browser's first language we have, else English. */
export function initLocale(): Locale {
  const stored = localStorage.getItem(STORED);
  const wanted = [stored, ...navigator.languages].filter((l): l is string => !!l);
  for (const w of wanted) {
    const exact = LOCALES.find((l) => l.toLowerCase() === w.toLowerCase());
    const base = LOCALES.find((l) => l === w.split("-")[0]);
    const hit = exact ?? (w.toLowerCase().startsWith("zh") ? "zh-CN" : base);
    if (hit) return setLocale(hit);
  }
  return setLocale("en");
}

export function setLocale(l: Locale): Locale {
  current = l;
  localStorage.setItem(STORED, l);
  // Read by the gateway when it sends the person to Keycloak: the login page in the same language where it has it.
  document.cookie = `TRIBUTARY_LOCALE=${encodeURIComponent(l)}; Path=/; SameSite=Lax; Max-Age=31536000`;
  document.documentElement.lang = l;
  return l;
}

/** The label in the current language, {name} placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = CATALOGS[current][key] ?? (en as Record<string, string>)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    params[name] === undefined ? `{${name}}` : String(params[name]),
  );
}

export function has(key: string): key is MessageKey {
  return key in en;
}

interface LocaleData {
  countries: Record<string, string>;
  languages: Record<string, string>;
}

let localeData: LocaleData = { countries: {}, languages: {} };

/**
 * Country and language names in the current language from the JDK's locale data (CLDR), served by the gateway:
 * the browser's own ICU data lacks some of the region's languages.
 */
export async function loadLocaleData(): Promise<void> {
  try {
    const response = await fetch(`/portal/locale/${encodeURIComponent(current)}`, { credentials: "same-origin" });
    if (response.ok) localeData = (await response.json()) as LocaleData;
  } catch {
    // the browser's names below, else the codes
  }
}

/** Country names from locale data (never a hand-written list). */
export function countryName(code: string): string {
  if (code === "GMS") return t("area.GMS");
  const known = localeData.countries[code];
  if (known) return known;
  try {
    return new Intl.DisplayNames([current], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageName(l: Locale): string {
  if (localeData.languages[l]) return localeData.languages[l];
  try {
    return new Intl.DisplayNames([l], { type: "language" }).of(l) ?? l;
  } catch {
    return l;
  }
}

const COUNTRY_DIMENSIONS = new Set(["citizenship", "countryOfExploitation", "area", "country"]);

/** An HTCDS or catalogue code shown by its name. */
export function codeLabel(dimension: string, code: string): string {
  if (code === "_T") return t("code.total");
  if (COUNTRY_DIMENSIONS.has(dimension) && /^[A-Z]{2}$/.test(code)) return countryName(code);
  const key = `code.${dimension}.${code}`;
  return has(key) ? t(key) : code;
}

export function dimensionLabel(dimension: string): string {
  const key = `dimension.${dimension}`;
  return has(key) ? t(key) : dimension;
}

/** Numbers on pages in the reader's locale (files keep Latin digits: they come from the services as they are). */
export function num(n: number, digits = 0): string {
  return new Intl.NumberFormat(current, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

export function dateTime(iso: string | undefined | null): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(current, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
