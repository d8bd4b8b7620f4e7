// The decision guide: one question at a time, answers kept in the URL
// (?hosting=self-host&requirements=dbt-models,partitions&team-size=...), so a result
// can be bookmarked and shared. The tree comes from data/guide.yml through the page
// (data-guide); every row a result can show is already in the page, rendered at build
// time with its cells and availability marks. This script only picks the rows the
// answers name, says which answer brought each, and adds up the marks on them.
// The same script runs a result's own page (data-outcome), where the answers in
// the query add their rows to the ones every route there touches.
import { copyText } from "./copy.js";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

const NONE = "none";
const VIEWS = {
  "open-source": "as you would run it yourselves: what exists only in a hosted product is marked as not available",
  hosted: "with the hosted products, including what each adds",
  both: "both ways, since hosting is not decided",
};

function guide(root) {
  const tree = JSON.parse(root.dataset.guide);
  const { questions: Q, outcomes: O } = tree;
  const fixed = root.dataset.outcome;   // set on a result's own page
  const app = root.querySelector(".guide-app");
  const stepsBox = app.querySelector(".guide-steps");
  const extra = app.querySelector(".guide-extra");
  const panel = root.querySelector(".guide-result");
  const live = el("p", { class: "visually-hidden", "aria-live": "polite" });
  const heading = document.querySelector("article h1");
  const headingText = heading && [...heading.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
  const pageHeading = headingText ? headingText.nodeValue : "";
  const pageTitle = document.title;
  const answerOf = (q, id) => Q[q].answers.find((a) => a.id === id);

  // Answers in the URL: on the guide, as far as they form a path from the start;
  // on a result page, every valid one. Each step is [question id, [answer ids]].
  function valid(q, raw) {
    if (!Q[q] || raw === null) return null;
    if (!Q[q].multiple) return answerOf(q, raw) ? [raw] : null;
    if (raw === NONE) return [];
    const ids = raw.split(",").filter((id) => answerOf(q, id));
    return ids.length ? ids : null;
  }
  const allValid = (params) => [...params.keys()].map((q) => [q, valid(q, params.get(q))]).filter(([, ids]) => ids);
  function read() {
    const params = new URLSearchParams(location.search);
    if (fixed) return { steps: allValid(params), node: fixed };
    const steps = [];
    let node = tree.start;
    for (let ids; Q[node] && (ids = valid(node, params.get(node))); ) {
      steps.push([node, ids]);
      node = Q[node].multiple ? Q[node].next : answerOf(node, ids[0]).next;
    }
    return { steps, node, params };
  }
  const query = (steps) => steps.map(([q, ids]) => `${q}=${ids.length ? ids.join(",") : NONE}`).join("&");
  const urlFor = (steps) => location.pathname + (steps.length ? `?${query(steps)}` : "");

  // A link shipped before hosting was asked first: open its result page.
  function legacy(params, steps) {
    const used = new Set(steps.map(([q]) => q));
    if (![...params.keys()].some((k) => !used.has(k))) return false;
    const hit = tree.legacy.find((l) => Object.entries(l.answers).every(([q, a]) => params.get(q) === a));
    if (!hit) return false;
    const kept = allValid(params);
    location.replace(new URL(O[hit.outcome].page, location.href).pathname + (kept.length ? `?${query(kept)}` : ""));
    return true;
  }

  function go(steps) {
    history.pushState(null, "", urlFor(steps));
    render(true);
  }

  const labels = (q, ids) => (ids.length ? ids.map((id) => answerOf(q, id).label).join("; ") : "None ticked");

  function summary(steps) {
    if (!steps.length) return null;
    return el("div", { class: "guide-summary" },
      el("p", { class: "guide-summary-title" }, "Your answers"),
      el("ol", {}, ...steps.map(([q, ids], i) => el("li", {},
        el("span", { class: "guide-summary-q" }, Q[q].text), " ", el("strong", {}, labels(q, ids)), " ",
        fixed ? null : el("button", { type: "button", class: "link-button", onclick: () => go(steps.slice(0, i)),
          "aria-label": `Change your answer to: ${Q[q].text}` }, "Change")))));
  }

  function controls(steps, atResult) {
    if (!steps.length && !atResult) return null;
    return el("div", { class: "guide-controls" },
      fixed ? null : el("button", { type: "button", class: "link-button", onclick: () => go(steps.slice(0, -1)) }, "Back"),
      fixed ? null : el("button", { type: "button", class: "link-button", onclick: () => go([]) }, "Restart"),
      atResult ? el("button", { type: "button", class: "link-button", onclick: () => window.print() }, "Print this result") : null);
  }

  // The questions are in the page already: show the one asked, say where the reader is.
  function question(id, steps) {
    const q = Q[id];
    const progress = `Question ${steps.length + 1} of at most ${steps.length + q.remaining}`;
    let shown;
    app.querySelectorAll("fieldset[data-q]").forEach((f) => {
      f.hidden = f.dataset.q !== id;
      if (!f.hidden) shown = f;
    });
    shown.querySelectorAll("input").forEach((b) => { b.checked = false; });
    app.querySelector(".guide-progress").textContent = progress;
    return { nodes: [controls(steps, false), summary(steps)], focus: shown.querySelector("legend"),
      say: `${progress}: ${q.text}`, title: null };
  }

  // Which answers brought each row, in the order they were given.
  function touched(steps) {
    const by = new Map();
    steps.forEach(([q, ids]) => ids.forEach((id) => answerOf(q, id).rows.forEach((r) => {
      by.set(r, [...(by.get(r) || []), [q, answerOf(q, id).label]]);
    })));
    return by;
  }

  const rowLink = (li) => li.querySelector(".guide-row-title").cloneNode(true);
  const list = (items) => items.flatMap((x, i) => (i ? [", ", x] : [x]));

  // The summary: for the rows shown, how many give each tool a dedicated feature, how many
  // are open source and how many exist only in the hosted product, each with its rows.
  function counts(shown) {
    const n = shown.length;
    const rows = (picked) => (picked.length ? [" (", ...list(picked.map(rowLink)), ")"] : []);
    return el("div", {},
      el("p", {}, `Of the ${n} rows shown:`),
      el("ul", {}, ...tree.tools.map((t) => {
        const cell = (li) => li.querySelector(`dd[data-tool="${t.id}"]`);
        const dedicated = shown.filter((li) => li.dataset.distinctive.split(" ").includes(t.id));
        const hosted = shown.filter((li) => cell(li).dataset.availability === "hosted-only");
        return el("li", { "data-tool": t.id }, el("strong", {}, t.name), ": a dedicated feature in ",
          el("span", { class: "guide-count" }, String(dedicated.length)), ...rows(dedicated),
          "; open source in ", el("span", { class: "guide-count" }, String(n - hosted.length)),
          `; only in ${t.hosted} in `, el("span", { class: "guide-count" }, String(hosted.length)), ...rows(hosted), ".");
      })));
  }

  function result(id, steps) {
    const o = O[id];
    const by = touched(steps);
    const view = (steps.find(([q]) => q === tree.start) || [])[1];
    const viewId = view ? answerOf(tree.start, view[0]).view : "both";
    panel.dataset.view = viewId;
    const viewLine = panel.querySelector(".guide-view");
    viewLine.hidden = !view;
    viewLine.textContent = view ? `Availability is shown ${VIEWS[viewId]}.` : "";
    const shown = [];
    // Only what changes is written: every write to a row costs style and layout before the paint.
    panel.querySelectorAll(".guide-row").forEach((li) => {
      const brought = by.get(li.dataset.row);
      const show = Boolean(brought || li.hasAttribute("data-common"));
      if (li.hidden === show) li.hidden = !show;
      if (!show) return;
      shown.push(li);
      const line = li.querySelector(".guide-by");
      const text = brought
        ? `Brought by your answer${brought.length > 1 ? "s" : ""}: ${brought.map(([, label]) => label).join("; ")}`
        : "Every route to this result touches this row.";
      if (line.textContent !== text) line.textContent = text;
    });
    const countBox = panel.querySelector(".guide-counts");
    countBox.hidden = !shown.length;
    countBox.replaceChildren(counts(shown));
    const read = steps.flatMap(([q, ids]) => ids.flatMap((a) => answerOf(q, a).read || []))
      .filter((r, i, all) => all.findIndex((x) => x.href === r.href) === i);
    const also = panel.querySelector(".guide-also");
    also.hidden = !read.length;
    also.replaceChildren("Also read: ", ...list(read.map((r) => el("a", { href: r.href }, r.title))));
    // The scorecard: rows from hard requirements as must-haves, the others as nice-to-haves.
    const must = new Set(steps.filter(([q]) => Q[q].multiple).flatMap(([q, ids]) => ids.flatMap((a) => answerOf(q, a).rows)));
    const nice = shown.map((li) => li.dataset.row).filter((r) => !must.has(r));
    const card = panel.querySelector(".guide-scorecard a");
    const params = [must.size ? `must=${[...must].join(",")}` : "", nice.length ? `nice=${nice.join(",")}` : ""].filter(Boolean);
    card.href = `${card.href.split(/[?#]/)[0]}${params.length ? `?${params.join("&")}` : ""}#scorecard`;
    const share = new URL(o.page, location.href);
    share.search = query(steps);
    const status = panel.querySelector(".guide-copy-status");
    panel.querySelector(".guide-copy").onclick = () => copyText(share.href, status, "Link to this result");
    if (fixed) {
      if (steps.length) panel.querySelector(".guide-rows-title").textContent = "The rows of this result and those your answers brought";
      return { nodes: [controls(steps, true), summary(steps)], title: null };
    }
    const title = panel.querySelector(".guide-result-title");
    title.textContent = o.title;
    panel.querySelector(".guide-why").textContent = o.why;
    const section = panel.querySelector(".guide-section");
    section.href = o.href;
    section.textContent = o.section;
    return { nodes: [controls(steps, true), summary(steps)], focus: title, say: `Result: ${o.title}`, title: o.title };
  }

  function render(moveFocus) {
    const { steps, node, params } = read();
    if (!fixed && legacy(params, steps)) return;
    if (!fixed) {
      const clean = urlFor(steps);
      if (clean !== location.pathname + location.search) history.replaceState(history.state, "", clean);
      shownUrl = clean;
    }
    const atResult = Boolean(O[node]);
    const view = atResult ? result(node, steps) : question(Q[node] ? node : tree.start, Q[node] ? steps : []);
    if (panel) panel.hidden = !atResult;
    if (stepsBox) stepsBox.hidden = atResult;
    extra.replaceChildren(...view.nodes.filter(Boolean));
    if (fixed) return;
    // A result names itself, so bookmarks, history entries and shared tabs differ.
    document.title = view.title ? `${view.title} - ${pageTitle}` : pageTitle;
    if (headingText) headingText.nodeValue = view.title ? `${pageHeading}: ${view.title}` : pageHeading;
    if (moveFocus) {
      view.focus.focus();
      live.textContent = view.say;
    }
  }

  // An answer: a button names it; Continue takes the boxes ticked.
  app.addEventListener("click", (e) => {
    const button = e.target.closest("button");
    const step = button && button.closest("fieldset[data-q]");
    if (!step) return;
    const ids = button.dataset.answer ? [button.dataset.answer]
      : [...step.querySelectorAll("input:checked")].map((b) => b.value);
    go([...read().steps, [step.dataset.q, ids]]);
  });
  app.append(live);
  render(false);
  return render;
}

// One guide per page; Material re-creates the content on instant navigation,
// so Back and Forward always talk to the current page's guide only. Between two of
// the guide's own steps (same path, another query) the guide shows the step, and the
// listener in overrides/main.html keeps the theme from fetching the page again; another
// page, or only the #anchor changing, is left to the theme.
let current = null;
let shownUrl = "";   // the guide's path and query, as last shown
window.onSamePagePop = () => {
  if (!current || !shownUrl || location.pathname + location.search === shownUrl) return false;
  if (location.pathname !== new URL(shownUrl, location.href).pathname) return false;
  current(true);
  return true;
};
document$.subscribe(() => {
  const root = document.querySelector(".guide[data-guide]");
  shownUrl = "";
  current = root ? guide(root) : null;
});
