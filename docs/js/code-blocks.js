// Two fixes to Material's code blocks, for keyboard and screen-reader users:
// - Material wraps each block's copy button in a <nav>, so every block becomes a
//   navigation landmark with the same name (axe: landmark-unique). The button is
//   an action on the block, not navigation: drop the landmark role.
// - Material makes a block that scrolls sideways focusable, except on touch
//   devices; a phone with a keyboard needs it too.
document$.subscribe(() => {
  document.querySelectorAll("nav.md-code__nav:not([role])").forEach((nav) => nav.setAttribute("role", "none"));
  document.querySelectorAll("pre > code:not([tabindex])").forEach((code) => {
    if (code.scrollWidth > code.clientWidth) code.tabIndex = 0;
  });
});
