"""Is a piece of text really readable on screen? Inside the viewport and not covered."""
from __future__ import annotations

# For each (selector, expected text): the element exists, shows that text, and the
# first and last characters of its text are inside the viewport and are what the
# browser hit-tests at their own position (nothing sticky or overlapping on top).
_CHECK = """
(items) => {
  const norm = (s) => s.replace(/\\s+/g, " ").trim();
  const problems = [];
  const hits = (node, offset) => {
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    const r = range.getBoundingClientRect();
    if (!r.width || !r.height) return "has no box";
    if (r.left < 0 || r.right > window.innerWidth + 0.5) return `is outside the viewport (x ${Math.round(r.left)}..${Math.round(r.right)} of ${window.innerWidth})`;
    if (r.top < 0 || r.bottom > window.innerHeight) return "is outside the viewport vertically";
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(hit === node.parentElement || node.parentElement.contains(hit) || hit.contains(node)))
      return `is covered by <${hit ? hit.tagName.toLowerCase() + (hit.className ? "." + String(hit.className).split(" ")[0] : "") : "nothing"}>`;
    return null;
  };
  for (const [selector, expected] of items) {
    const el = document.querySelector(selector);
    if (!el) { problems.push(`${selector}: not found`); continue; }
    const text = norm(el.textContent);
    if (expected && !text.includes(norm(expected))) { problems.push(`${selector}: shows '${text.slice(0, 60)}', expected '${expected.slice(0, 60)}'`); continue; }
    const nodes = [];
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const n = walk.currentNode;
      if (n.data.trim() && n.parentElement.checkVisibility()) nodes.push(n);
    }
    if (!nodes.length) { problems.push(`${selector}: no visible text`); continue; }
    const first = nodes[0], last = nodes[nodes.length - 1];
    const ends = [[first, first.data.search(/\\S/), "first"], [last, last.data.trimEnd().length - 1, "last"]];
    for (const [node, offset, which] of ends) {
      node.parentElement.scrollIntoView({ block: "center", inline: "nearest" });
      const problem = hits(node, offset);
      if (problem) problems.push(`${selector}: ${which} character of '${norm(node.data).slice(0, 40)}' ${problem}`);
    }
  }
  return problems;
}
"""


def unreadable(page, items: list[tuple[str, str]]) -> list[str]:
    """Problems (empty when every item is whole on screen)."""
    return page.evaluate(_CHECK, items)
