// Two fixes to Material's code blocks, for keyboard and screen-reader users:
// - Material wraps each block's copy button in a <nav>, so every block becomes a
//   navigation landmark with the same name (axe: landmark-unique). The button is
//   an action on the block, not navigation: drop the landmark role.
// - Material makes a block that scrolls sideways focusable, except on touch
//   devices; a phone with a keyboard needs it too.
// Material sets a block up when it first comes into view (content.lazy in mkdocs.yml),
// so each fix is applied when that happens, to the blocks it has just set up: nothing
// is measured while the page loads, and blocks a reader never reaches cost nothing.
let watching = null;

function fix(navs) {
  navs.forEach((nav) => nav.setAttribute("role", "none"));
  const codes = navs.map((nav) => nav.parentElement.querySelector(":scope > code:not([tabindex])")).filter(Boolean);
  // Every size first, then every write: a write between two reads would lay the page out again.
  codes.filter((code) => code.scrollWidth > code.clientWidth).forEach((code) => { code.tabIndex = 0; });
}

document$.subscribe(() => {
  if (watching) watching.disconnect();
  const content = document.querySelector(".md-content");
  if (!content || !content.querySelector("pre > code")) return;
  fix([...content.querySelectorAll("nav.md-code__nav:not([role])")]);
  watching = new MutationObserver((records) => {
    const added = records.flatMap((r) => [...r.addedNodes]).filter((n) => n instanceof Element && n.matches("nav.md-code__nav"));
    if (added.length) fix(added);
  });
  watching.observe(content, { childList: true, subtree: true });
});
