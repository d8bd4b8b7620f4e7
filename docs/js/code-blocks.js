// Two fixes to Material's code blocks, for keyboard and screen-reader users:
// - Material wraps each block's copy button in a <nav>, so every block becomes a
//   navigation landmark with the same name (axe: landmark-unique). The button is
//   an action on the block, not navigation: drop the landmark role.
// - Material makes a block that scrolls sideways focusable, except on touch
//   devices; a phone with a keyboard needs it too.
// Material sets a block up when it first comes into view (content.lazy in mkdocs.yml),
// so the fixes follow each time it has: nothing is measured while the page loads.
let watching = null;

function fix(content) {
  const navs = [...content.querySelectorAll("nav.md-code__nav:not([role])")];
  navs.forEach((nav) => nav.setAttribute("role", "none"));
  // Every size first, then every write: a write between two reads would lay the page out again.
  navs.map((nav) => nav.parentElement.querySelector(":scope > code:not([tabindex])"))
    .filter((code) => code && code.scrollWidth > code.clientWidth)
    .forEach((code) => { code.tabIndex = 0; });
}

document$.subscribe(() => {
  if (watching) watching.disconnect();
  const content = document.querySelector(".md-content");
  if (!content || !content.querySelector("pre > code")) return;
  fix(content);
  watching = new MutationObserver(() => fix(content));
  watching.observe(content, { childList: true, subtree: true });
});
