// Runs PurgeCSS (package briefing, MIT) for briefing.build.slim: reads its options as JSON on standard input
// ({content, css, safelist, dynamicAttributes, purgecss}: file paths, regular expressions as strings, attribute names,
// the folder of PurgeCSS in the book's node_modules) and writes [{file, css}] as JSON on standard output. Every other
// decision is made in Python. PurgeCSS is loaded from the book's folder, not from beside this script: the package may
// be installed anywhere.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const spec = JSON.parse(readFileSync(0, "utf8"));
const { PurgeCSS } = createRequire(import.meta.url)(spec.purgecss);
const results = await new PurgeCSS().purge({
  content: spec.content,
  css: spec.css,
  safelist: { standard: spec.safelist.map((pattern) => new RegExp(pattern)) },
  dynamicAttributes: spec.dynamicAttributes,
  // Kept whole (PurgeCSS's defaults, stated): custom properties, @font-face and @keyframes rules.
  variables: false,
  fontFace: false,
  keyframes: false,
});
process.stdout.write(JSON.stringify(results.map(({ file, css }) => ({ file, css }))));
