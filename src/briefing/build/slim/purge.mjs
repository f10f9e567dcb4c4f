// Runs PurgeCSS (package briefing, MIT) for briefing.build.slim: reads its options as JSON on standard input
// ({content, css, safelist, dynamicAttributes}: file paths, regular expressions as strings, attribute names)
// and writes [{file, css}] as JSON on standard output. Every other decision is made in Python.
import { readFileSync } from "node:fs";
import { PurgeCSS } from "purgecss";

const spec = JSON.parse(readFileSync(0, "utf8"));
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
