// The decision guide: one question at a time, answers kept in the URL
// (?question-id=answer-id&...) so results can be bookmarked and shared.
// The tree comes from data/guide.yml through the page (data-guide); this
// script holds no facts or rules of its own. Without JavaScript the page
// shows the whole tree as nested lists instead.

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
  const questions = tree.questions;

  // The answers in the URL, as far as they form a valid path from the start.
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
    return { path, node };
  }

  const urlFor = (path) => {
    const query = new URLSearchParams(path.map(([q, a]) => [q, a.id])).toString();
    return location.pathname + (query ? `?${query}` : "");
  };

  function go(path) {
    history.pushState(null, "", urlFor(path));
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

  function controls(path) {
    if (!path.length) return null;
    return el("div", { class: "guide-controls" },
      el("button", { type: "button", class: "link-button", onclick: () => go(path.slice(0, -1)) }, "Back"),
      el("button", { type: "button", class: "link-button", onclick: () => go([]) }, "Restart"));
  }

  function question(id, path) {
    const q = questions[id];
    const step = path.length + 1;
    const progress = `Question ${step} of at most ${path.length + q.remaining}`;
    const legend = el("legend", { tabindex: "-1" }, q.text);
    const fieldset = el("fieldset", { class: "boxed" }, legend,
      q.help ? el("p", { class: "guide-help" }, q.help) : null,
      el("div", { class: "guide-answers" }, ...q.answers.map((a) =>
        el("button", { type: "button", class: "guide-answer-button", "data-answer": a.id,
          onclick: () => go([...path, [id, a]]) }, a.label))));
    const counter = el("p", { class: "guide-progress" }, progress);
    return { nodes: [counter, fieldset, controls(path), summary(path)], focus: legend, say: `${progress}: ${q.text}` };
  }

  function result(id, path) {
    const o = tree.outcomes[id];
    const heading = el("h2", { tabindex: "-1", class: "guide-result-title" }, o.title);
    const status = el("span", { class: "guide-copy-status", role: "status" });
    const copy = el("button", { type: "button", class: "guide-copy", onclick: async () => {
      try {
        await navigator.clipboard.writeText(location.href);
        status.textContent = "Link copied.";
      } catch {
        const field = el("input", { type: "text", readonly: "", value: location.href, "aria-label": "Link to this result" });
        status.replaceChildren("Copy this link: ", field);
        field.select();
      }
    } }, "Copy link to this result");
    const box = el("section", { class: "guide-result boxed", "aria-labelledby": "guide-result-title" },
      heading,
      el("p", {}, o.why),
      el("p", {}, el("a", { href: o.href, class: "md-button md-button--primary" }, "Read the section")),
      el("p", { class: "guide-related-title" }, "Related rows of the comparison"),
      el("ul", {}, ...o.related.map((r) => el("li", {}, el("a", { href: r.href }, r.title)))),
      el("p", {}, copy, " ", status));
    heading.id = "guide-result-title";
    return { nodes: [box, controls(path), summary(path)], focus: heading, say: `Result: ${o.title}` };
  }

  function render(moveFocus) {
    const { path, node } = read();
    const clean = urlFor(path);
    if (clean !== location.pathname + location.search) history.replaceState(history.state, "", clean);
    const view = questions[node] ? question(node, path) : tree.outcomes[node] ? result(node, path) : question(tree.start, []);
    app.replaceChildren(...view.nodes.filter(Boolean), live);
    if (moveFocus) {
      view.focus.focus();
      live.textContent = view.say;
    }
  }

  app.hidden = false;
  root.classList.add("guide--ready");
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
