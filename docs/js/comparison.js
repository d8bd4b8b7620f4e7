// Narrow the comparison: by factor, to what can be self-hosted, and by tool when
// there are more than two. The choice lives in the URL
// (?factor=a,b&availability=open-source&tool=x) so a narrowed view can be shared;
// without JavaScript every row and column stays visible. Also: copy a row's link,
// and never let a filter hide the row a link points to.
import { copyText } from "./copy.js";

const listed = (params, key) => (params.get(key) || "").split(",").filter(Boolean);
const KEYS = ["factor", "tool", "availability"];
// A box is written only when it changes: each write makes the browser restyle the form.
const tick = (box, on) => { if (box.checked !== on) box.checked = on; };

function setup(form) {
  const root = form.closest(".md-content") || document;
  const boxes = (name) => [...form.querySelectorAll(`input[name="${name}"]`)];
  const status = form.querySelector(".cmp-filter-status");
  const empty = form.querySelector(".cmp-empty");
  const relaxed = form.querySelector(".cmp-relaxed");
  const checked = (name) => boxes(name).filter((b) => b.checked).map((b) => b.value);

  function apply() {
    const factors = checked("factor");
    const tools = checked("tool");
    const selfHost = checked("availability").includes("open-source");
    root.querySelectorAll(".cmp-group").forEach((g) => { g.hidden = !factors.includes(g.dataset.factor); });
    if (boxes("tool").length) {
      root.querySelectorAll(".cmp-group [data-tool]").forEach((c) => { c.hidden = !tools.includes(c.dataset.tool); });
    }
    root.querySelectorAll(".cmp-group td[data-availability]").forEach((cell) => {
      const hosted = cell.dataset.availability === "hosted-only";
      cell.querySelectorAll(".cmp-adds").forEach((a) => { a.hidden = selfHost; });
      if (!hosted) return;
      cell.querySelector(".cmp-cell-body").hidden = selfHost;
      cell.querySelector(".cmp-details").hidden = selfHost;
      cell.querySelector(".cmp-excluded").hidden = !selfHost;
    });
    const total = boxes("factor").length;
    const parts = [];
    if (factors.length !== total) parts.push(`${factors.length} of ${total} factors`);
    if (boxes("tool").length && tools.length !== boxes("tool").length) parts.push(`${tools.length} of ${boxes("tool").length} tools`);
    if (selfHost) parts.push("only what can be self-hosted");
    status.textContent = parts.length ? `Showing ${parts.join(", ")}.` : "";
    empty.hidden = factors.length > 0;
    return { factors, tools, selfHost };
  }

  function toUrl() {
    const { factors, tools, selfHost } = apply();
    const params = new URLSearchParams(location.search);
    KEYS.forEach((k) => params.delete(k));
    if (factors.length !== boxes("factor").length) params.set("factor", factors.join(","));
    if (selfHost) params.set("availability", "open-source");
    if (boxes("tool").length && tools.length !== boxes("tool").length) params.set("tool", tools.join(","));
    const query = params.toString().replace(/%2C/g, ",");
    history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  }

  // A link to a row wins over a filter that would hide it: show its factor again, and say so.
  function revealTarget() {
    const row = location.hash.length > 1 && root.querySelector(`tr.cmp-row[id="${CSS.escape(location.hash.slice(1))}"]`);
    const group = row && row.closest(".cmp-group");
    if (!group || !group.hidden) return;
    boxes("factor").forEach((b) => { if (b.value === group.dataset.factor) tick(b, true); });
    toUrl();
    relaxed.hidden = false;
    row.scrollIntoView();
  }

  function fromUrl() {
    const params = new URLSearchParams(location.search);
    // No filter in the URL and the boxes as built (not restored by the browser): the page
    // already shows everything, and writing nothing spares a restyle of every table.
    const asBuilt = [...form.querySelectorAll("input[type=checkbox]")].every((b) => b.checked === b.defaultChecked);
    if (asBuilt && !KEYS.some((k) => params.has(k))) return;
    for (const name of ["factor", "tool"]) {
      const wanted = listed(params, name).filter((v) => boxes(name).some((b) => b.value === v));
      if (wanted.length) boxes(name).forEach((b) => tick(b, wanted.includes(b.value)));
    }
    boxes("availability").forEach((b) => tick(b, listed(params, "availability").includes(b.value)));
    apply();
    revealTarget();
  }

  form.addEventListener("change", () => { relaxed.hidden = true; toUrl(); });
  form.querySelectorAll("[data-only]").forEach((button) => button.addEventListener("click", () => {
    boxes("factor").forEach((b) => tick(b, b.value === button.dataset.only));
    relaxed.hidden = true;
    toUrl();
  }));
  form.querySelectorAll("[data-cmp-reset]").forEach((button) => button.addEventListener("click", () => {
    form.querySelectorAll("input[type=checkbox]").forEach((b) => tick(b, b.name !== "availability"));
    relaxed.hidden = true;
    toUrl();
  }));
  root.querySelectorAll("button[data-copy]").forEach((button) => button.addEventListener("click", () => {
    const url = new URL(location.href);
    url.search = "";
    url.hash = button.dataset.copy;
    const title = button.closest("th").querySelector(".cmp-title").textContent;
    copyText(url.href, button.nextElementSibling, `Link to the row: ${title}`);
  }));
  fromUrl();
  return revealTarget;
}

// Print every note: open all details for the printout, then restore them.
let opened = [];
window.addEventListener("beforeprint", () => {
  opened = [...document.querySelectorAll("details.cmp-details:not([open])")];
  opened.forEach((d) => { d.open = true; });
});
window.addEventListener("afterprint", () => opened.forEach((d) => { d.open = false; }));

// Material re-renders the page content on instant navigation; set up each new form once.
let onHash = null;
window.addEventListener("hashchange", () => onHash && onHash());
document$.subscribe(() => {
  const form = document.querySelector("form[data-cmp-filters]");
  onHash = null;
  if (form && !form.dataset.ready) {
    form.dataset.ready = "1";
    onHash = setup(form);
  }
});
