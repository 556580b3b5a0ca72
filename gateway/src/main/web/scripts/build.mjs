// Bundles the web application into the gateway's classes directory (argument 1): static/assets/app.{js,css}
// (served at /assets/**) and portal/index.html (the shell the gateway serves for /app/**).
import { build } from "esbuild";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const out = process.argv[2];
if (!out) throw new Error("usage: build.mjs <classes directory>");
const assets = join(out, "static", "assets");
mkdirSync(assets, { recursive: true });
mkdirSync(join(out, "portal"), { recursive: true });

const result = await build({
  entryPoints: { app: "src/main.ts" },
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  outdir: assets,
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
});
const js = readFileSync(join(assets, "app.js"));
const css = readFileSync(join(assets, "app.css"), "utf8");
const version = createHash("sha256").update(js).update(css).digest("hex").slice(0, 12);
// The styles go into the shell itself (the pages' CSP allows inline styles): the script never waits on a second
// request before it runs. The script is served pre-compressed (app.js.gz, chosen by the gateway's resource chain for
// clients that accept gzip): no compression per request.
const shell = readFileSync("index.html", "utf8").replaceAll("{version}", version).replace("{styles}", css.trim());
writeFileSync(join(out, "portal", "index.html"), shell);
const gz = gzipSync(js, { level: 9 });
writeFileSync(join(assets, "app.js.gz"), gz);
const kb = (b) => (b.length / 1024).toFixed(0);
console.log(`web: app.js ${kb(js)} kB (${kb(gz)} kB gzip), styles ${kb(Buffer.from(css))} kB in the shell, version ${version}, ${Object.keys(result.metafile.inputs).length} modules`);
