// The trial scorecard on /comparison/: each row can be marked must-have or
// nice-to-have; the marks live in the URL (?must=a,b&nice=c) so one link shares
// the whole scorecard, and the marked rows gather in the trial plan, which is
// already in the page with every row's task and marks. This script only shows
// the marked rows, in order of priority, and turns them into CSV or Markdown.
const LABELS = { must: "Must-have", nice: "Nice-to-have" };
const listed = (params, key) => (params.get(key) || "").split(",").filter(Boolean);
const clean = (text) => text.replace(/\s+/g, " ").trim();

function setup(section) {
  const root = section.closest(".md-content") || document;
  const table = section.querySelector("#scorecard-table");
  const status = section.querySelector(".scorecard-status");
  const radios = () => [...root.querySelectorAll(".cmp-mark input[type=radio]")];
  const tools = [...table.querySelectorAll("thead th[data-tool]")].map((th) => [th.dataset.tool, th.textContent.split(":")[0]]);

  function marks() {
    const out = {};
    radios().forEach((r) => { if (r.checked && r.value) out[r.name.slice(5)] = r.value; });
    return out;
  }

  function show() {
    const m = marks();
    let count = { must: 0, nice: 0 };
    const rows = [...table.tBodies[0].rows];
    rows.forEach((tr) => {
      const mark = m[tr.dataset.row];
      tr.hidden = !mark;
      tr.querySelector(".sc-priority .sc-value").textContent = mark ? LABELS[mark] : "";
      if (mark) count[mark] += 1;
    });
    // Must-haves first, each group in the comparison's order.
    rows.sort((a, b) => (m[a.dataset.row] === "must" ? 0 : 1) - (m[b.dataset.row] === "must" ? 0 : 1)
      || Number(a.dataset.order) - Number(b.dataset.order)).forEach((tr) => table.tBodies[0].append(tr));
    table.hidden = !(count.must + count.nice);
    status.textContent = table.hidden ? "No row is marked yet."
      : `${count.must} must-have and ${count.nice} nice-to-have rows in your trial plan.`;
  }

  function toUrl() {
    const m = marks();
    const params = new URLSearchParams(location.search);
    for (const key of ["must", "nice"]) {   // always must, then nice, in the comparison's order
      const ids = Object.keys(m).filter((id) => m[id] === key);
      params.delete(key);
      if (ids.length) params.set(key, ids.join(","));
    }
    const query = params.toString().replace(/%2C/g, ",");
    history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  }

  function fromUrl() {
    const params = new URLSearchParams(location.search);
    const must = listed(params, "must");
    const nice = listed(params, "nice");
    radios().forEach((r) => {
      const id = r.name.slice(5);
      const wanted = must.includes(id) ? "must" : nice.includes(id) ? "nice" : "";
      r.checked = r.value === wanted;
    });
    show();
  }

  // The plan as rows of text: criterion, its link, priority, the task, each tool's marks, and empty results.
  function plan() {
    const head = ["Criterion", "Link", "Priority", "What to try",
      ...tools.flatMap(([, name]) => [`${name}: availability`, `${name}: pass / fail`]), "Notes"];
    const body = [...table.tBodies[0].rows].filter((tr) => !tr.hidden).map((tr) => [
      clean(tr.cells[0].textContent), new URL(`#${tr.dataset.row}`, location.href).href.replace(location.search, ""),
      clean(tr.querySelector(".sc-priority .sc-value").textContent), clean(tr.querySelector(".sc-trial .sc-value").textContent),
      ...tools.flatMap(([id]) => [clean(tr.querySelector(`td[data-tool="${id}"] .sc-value`).textContent), ""]), ""]);
    return [head, ...body];
  }
  const csv = (rows) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n") + "\r\n";
  const markdown = (rows) => rows.map((r, i) => `| ${r.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`
    + (i ? "" : `\n|${r.map(() => " --- ").join("|")}|`)).join("\n") + "\n";

  function download(name, type, text) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  const actions = {
    csv: () => download("trial-plan.csv", "text/csv", csv(plan())),
    md: () => download("trial-plan.md", "text/markdown", markdown(plan())),
    print: () => {
      document.documentElement.dataset.print = "plan";
      window.print();
    },
    clear: () => {
      radios().forEach((r) => { r.checked = !r.value; });
      toUrl();
      show();
    },
  };
  section.querySelectorAll("[data-sc]").forEach((b) => b.addEventListener("click", () => actions[b.dataset.sc]()));
  root.addEventListener("change", (e) => {
    if (!e.target.closest(".cmp-mark")) return;
    toUrl();
    show();
  });
  window.addEventListener("afterprint", () => { delete document.documentElement.dataset.print; });
  [...table.tBodies[0].rows].forEach((tr, i) => { tr.dataset.order = i; });
  fromUrl();
  return fromUrl;
}

let current = null;
window.addEventListener("popstate", () => current && current());
document$.subscribe(() => {
  const section = document.querySelector("section.scorecard");
  current = section && !section.dataset.ready ? (section.dataset.ready = "1", setup(section)) : current;
  if (!section) current = null;
});
