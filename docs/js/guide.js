// The decision guide: one question at a time, answers kept in the URL
// (?question-id=answer-id&...) so results can be bookmarked and shared.
// The tree comes from data/guide.yml through the page (data-guide), with every
// count, link and related row worked out at build time; this script holds no
// facts or rules of its own. The page already shows the first question, so
// nothing moves when the script starts. Without JavaScript the page shows the
// whole tree as nested lists instead.
import { copyText } from "./copy.js";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function guide(root) {
  const tree = JSON.parse(root.dataset.guide);
  const app = root.querySelector(".guide-app");
  const live = el("p", { class: "visually-hidden", "aria-live": "polite" });
  const { questions, outcomes, resultQuestion: rq } = tree;
  // The page heading's own text (Material may add a permalink after it).
  const heading = document.querySelector("article h1");
  const headingText = heading && [...heading.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
  const pageHeading = headingText ? headingText.nodeValue : "";
  const pageTitle = document.title;

  // The answers in the URL, as far as they form a valid path from the start,
  // and at a result the answer to the result question, if valid.
  function read() {
    const params = new URLSearchParams(location.search);
    const path = [];
    let node = tree.start;
    while (questions[node]) {
      const answer = questions[node].answers.find((a) => a.id === params.get(node));
      if (!answer) break;
      path.push([node, answer]);
      node = answer.next;
    }
    const extra = outcomes[node] && rq ? rq.answers.find((a) => a.id === params.get(rq.id)) : undefined;
    return { path, node, extra };
  }

  const urlFor = (path, extra) => {
    const pairs = path.map(([q, a]) => [q, a.id]);
    if (extra) pairs.push([rq.id, extra.id]);
    const query = new URLSearchParams(pairs).toString();
    return location.pathname + (query ? `?${query}` : "");
  };

  function go(path, extra) {
    history.pushState(null, "", urlFor(path, extra));
    render(true);
  }

  function summary(path) {
    if (!path.length) return null;
    return el("div", { class: "guide-summary" },
      el("p", { class: "guide-summary-title" }, "Your answers"),
      el("ol", {}, ...path.map(([q, a], i) => el("li", {},
        el("span", { class: "guide-summary-q" }, questions[q].text), " ",
        el("strong", {}, a.label), " ",
        el("button", { type: "button", class: "link-button", onclick: () => go(path.slice(0, i)),
          "aria-label": `Change your answer to: ${questions[q].text}` }, "Change")))));
  }

  function controls(path, atResult) {
    if (!path.length) return null;
    return el("div", { class: "guide-controls" },
      el("button", { type: "button", class: "link-button", onclick: () => go(path.slice(0, -1)) }, "Back"),
      el("button", { type: "button", class: "link-button", onclick: () => go([]) }, "Restart"),
      atResult ? el("button", { type: "button", class: "link-button", onclick: () => window.print() }, "Print this result") : null);
  }

  function question(id, path) {
    const q = questions[id];
    const progress = `Question ${path.length + 1} of at most ${path.length + q.remaining}`;
    const legend = el("legend", { tabindex: "-1" }, q.text);
    const fieldset = el("fieldset", { class: "boxed" }, legend,
      q.help ? el("p", { class: "guide-help" }, q.help) : null,
      el("div", { class: "guide-answers" }, ...q.answers.map((a) =>
        el("button", { type: "button", class: "guide-answer-button", "data-answer": a.id,
          onclick: () => go([...path, [id, a]]) }, a.label))));
    const counter = el("p", { class: "guide-progress" }, progress);
    return { nodes: [counter, fieldset, controls(path, false), summary(path)], focus: legend,
      say: `${progress}: ${q.text}`, title: null };
  }

  // A comparison link narrowed by the result question's answer, e.g. ?availability=open-source#row.
  const narrowed = (href, extra) => {
    const params = new URLSearchParams((extra && extra.comparison) || {}).toString();
    const [path, anchor] = href.split("#");
    return `${path}${params ? `?${params}` : ""}${anchor ? `#${anchor}` : ""}`;
  };

  function relatedRow(r, extra) {
    const selfHost = Boolean(extra && extra.comparison && extra.comparison.availability === "open-source");
    const href = narrowed(r.href, extra);
    return el("li", { class: "guide-row" },
      el("a", { href }, r.title),
      el("span", { class: "print-only" }, ` ${new URL(href, location.href).href}`),
      el("dl", {}, ...r.cells.flatMap((c) => [
        el("dt", {}, c.tool),
        el("dd", {}, c.cell, " ",
          el("span", { class: `avail ${c.hostedOnly ? "avail--hosted" : "avail--open"}` },
            c.hostedOnly ? `${c.hosted} only` : "Open source"),
          c.hostedOnly && selfHost ? el("span", { class: "guide-row-note" }, " Not available if you run it yourselves.") : null,
          c.hostedAdds && !selfHost ? el("span", { class: "cmp-adds" }, el("span", { class: "cmp-adds-label" }, `${c.hosted} adds:`), ` ${c.hostedAdds}`) : null),
      ])));
  }

  function resultQuestion(path, extra) {
    if (!rq) return null;
    return el("fieldset", { class: "boxed guide-result-question" },
      el("legend", {}, rq.text),
      rq.help ? el("p", { class: "guide-help" }, rq.help) : null,
      el("div", { class: "guide-answers guide-answers--inline" }, ...rq.answers.map((a) =>
        el("button", { type: "button", class: "guide-answer-button", "data-answer": a.id,
          "aria-pressed": String(Boolean(extra && extra.id === a.id)),
          onclick: () => go(path, a) }, a.label))));
  }

  function result(id, path, extra) {
    const o = outcomes[id];
    const title = el("h2", { tabindex: "-1", class: "guide-result-title", id: "guide-result-title" }, o.title);
    const status = el("span", { class: "guide-copy-status", role: "status" });
    const copy = el("button", { type: "button", class: "guide-copy",
      onclick: () => copyText(location.href, status, "Link to this result") }, "Copy link to this result");
    const box = el("section", { class: "guide-result boxed", "aria-labelledby": "guide-result-title" },
      title,
      el("p", {}, o.why),
      el("p", {}, el("a", { href: o.href, class: "md-button md-button--primary" }, "Read the section")),
      resultQuestion(path, extra),
      el("p", { class: "guide-related-title" }, "Related rows of the comparison"),
      el("ul", { class: "guide-rows" }, ...o.related.map((r) => relatedRow(r, extra))),
      el("p", {}, el("a", { href: narrowed(tree.comparison, extra) },
        extra && extra.comparison && Object.keys(extra.comparison).length
          ? "Open the comparison, narrowed to what you can self-host" : "Open the whole comparison")),
      el("p", { class: "guide-share" }, copy, " ", status));
    return { nodes: [box, controls(path, true), summary(path)], focus: title, say: `Result: ${o.title}`, title: o.title };
  }

  function render(moveFocus) {
    const { path, node, extra } = read();
    const clean = urlFor(path, extra);
    if (clean !== location.pathname + location.search) history.replaceState(history.state, "", clean);
    const view = questions[node] ? question(node, path)
      : outcomes[node] ? result(node, path, extra) : question(tree.start, []);
    app.replaceChildren(...view.nodes.filter(Boolean), live);
    // A result names itself, so bookmarks, history entries and shared tabs differ.
    document.title = view.title ? `${view.title} - ${pageTitle}` : pageTitle;
    if (headingText) headingText.nodeValue = view.title ? `${pageHeading}: ${view.title}` : pageHeading;
    if (moveFocus) {
      view.focus.focus();
      live.textContent = view.say;
    }
  }

  render(false);
  return render;
}

// One guide per page; Material re-creates the content on instant navigation,
// so the popstate handler always talks to the current page's guide only.
let current = null;
window.addEventListener("popstate", () => current && current(true));
document$.subscribe(() => {
  const root = document.querySelector(".guide[data-guide]");
  current = root ? guide(root) : null;
});
