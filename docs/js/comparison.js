// Narrow the comparison by factor (and by tool when there are more than two).
// The choice lives in the URL (?factor=a,b&tool=x,y) so a narrowed view can be
// shared; without JavaScript every row and column simply stays visible.
const listed = (params, key) => (params.get(key) || "").split(",").filter(Boolean);

function setup(form) {
  const root = form.closest(".md-content") || document;
  const boxes = (name) => [...form.querySelectorAll(`input[name="${name}"]`)];
  const status = form.querySelector("[role=status]");

  function apply() {
    const factors = boxes("factor").filter((b) => b.checked).map((b) => b.value);
    const tools = boxes("tool").filter((b) => b.checked).map((b) => b.value);
    root.querySelectorAll(".cmp-group").forEach((g) => { g.hidden = !factors.includes(g.dataset.factor); });
    if (boxes("tool").length) {
      root.querySelectorAll(".cmp-group [data-tool]").forEach((c) => { c.hidden = !tools.includes(c.dataset.tool); });
    }
    const all = factors.length === boxes("factor").length && tools.length === boxes("tool").length;
    status.textContent = all ? "" : `Showing ${factors.length} of ${boxes("factor").length} factors` +
      (boxes("tool").length ? ` and ${tools.length} of ${boxes("tool").length} tools.` : ".");
    return { factors, tools, all };
  }

  function fromUrl() {
    const params = new URLSearchParams(location.search);
    for (const name of ["factor", "tool"]) {
      const wanted = listed(params, name).filter((v) => boxes(name).some((b) => b.value === v));
      if (wanted.length) boxes(name).forEach((b) => { b.checked = wanted.includes(b.value); });
    }
    apply();
  }

  function toUrl() {
    const { factors, tools } = apply();
    const params = new URLSearchParams(location.search);
    params.delete("factor");
    params.delete("tool");
    if (factors.length !== boxes("factor").length) params.set("factor", factors.join(","));
    if (boxes("tool").length && tools.length !== boxes("tool").length) params.set("tool", tools.join(","));
    const query = params.toString().replace(/%2C/g, ",");
    history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  }

  form.addEventListener("change", toUrl);
  form.querySelector("[data-cmp-reset]").addEventListener("click", () => {
    form.querySelectorAll("input[type=checkbox]").forEach((b) => { b.checked = true; });
    toUrl();
  });
  form.hidden = false;
  fromUrl();
}

// Print every note: open all details for the printout, then restore them.
let opened = [];
window.addEventListener("beforeprint", () => {
  opened = [...document.querySelectorAll("details.cmp-details:not([open])")];
  opened.forEach((d) => { d.open = true; });
});
window.addEventListener("afterprint", () => opened.forEach((d) => { d.open = false; }));

// Material re-renders the page content on instant navigation; set up each new form once.
document$.subscribe(() => {
  const form = document.querySelector("form[data-cmp-filters]");
  if (form && !form.dataset.ready) {
    form.dataset.ready = "1";
    setup(form);
  }
});
