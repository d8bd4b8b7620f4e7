// Lighthouse's accessibility audit on a page as a reader has it after reading through
// it: long tables and the examples' code are drawn only as they near the screen
// (content-visibility: auto), and a navigation audit runs axe before any of that is
// drawn, measuring placeholders. This loads each page, scrolls through it a screen per
// frame and back, then runs the audit on what is there (a Lighthouse user-flow snapshot).
//   node benchmarks/lighthouse-read.mjs BASE_URL PATH...   (benchmarks/lighthouse.sh runs it)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const install = path.resolve(".cache/lighthouse/node_modules");
const require = createRequire(path.join(install, "lighthouse", "package.json"));
const puppeteer = require("puppeteer-core");
const { startFlow } = await import(path.join(install, "lighthouse", "core", "index.js"));

const [base, ...pages] = process.argv.slice(2);
const readThrough = readFileSync("tests/read-through.js", "utf8");   // the tests' read-through, shared
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: "new",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const page of pages) {
    const tab = await browser.newPage();
    await tab.goto(base + page, { waitUntil: "networkidle0" });
    await tab.evaluate(readThrough);
    const flow = await startFlow(tab, { config: { extends: "lighthouse:default", settings: { onlyCategories: ["accessibility"] } } });
    await flow.snapshot();
    const result = (await flow.createFlowResult()).steps[0].lhr;
    const failed = Object.values(result.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary").map((a) => a.id);
    console.log(`${page} read through: accessibility ${Math.round(result.categories.accessibility.score * 100)}` +
      (failed.length ? ` (failing: ${failed.join(", ")})` : ""));
    await tab.close();
  }
} finally {
  await browser.close();
}
