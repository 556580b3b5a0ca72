// Fails the build when a language lacks a message, has an empty one, has one English does not, or changes the
// placeholders of one (ADR 39: every label in every language).
import { readFileSync } from "node:fs";

const LOCALES = ["km", "lo", "my", "th", "vi", "zh-CN"];
const load = (l) => JSON.parse(readFileSync(new URL(`../messages/${l}.json`, import.meta.url), "utf8"));
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");
const invisible = /[\u200B-\u200D\u2060\uFEFF]/;

const en = load("en");
const problems = [];
for (const locale of LOCALES) {
  let catalog;
  try {
    catalog = load(locale);
  } catch (e) {
    problems.push(`${locale}: cannot read messages/${locale}.json (${e.message})`);
    continue;
  }
  for (const [key, english] of Object.entries(en)) {
    const text = catalog[key];
    if (typeof text !== "string" || text.trim() === "") problems.push(`${locale}: missing ${key}`);
    else if (placeholders(text) !== placeholders(english)) problems.push(`${locale}: ${key} has {${placeholders(text)}}, English {${placeholders(english)}}`);
    else if (invisible.test(text)) problems.push(`${locale}: ${key} holds an invisible character`);
  }
  for (const key of Object.keys(catalog)) if (!(key in en)) problems.push(`${locale}: ${key} is not in en.json`);
}
if (problems.length) {
  console.error(`Translations incomplete (${problems.length}):\n  ${problems.slice(0, 50).join("\n  ")}`);
  process.exit(1);
}
console.log(`messages: ${Object.keys(en).length} keys in ${LOCALES.length + 1} languages, none missing`);
