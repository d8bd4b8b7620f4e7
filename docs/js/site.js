// The site's one script entry. Each behaviour is one small module, loaded only on
// the pages that have its element; the post-build step bundles them with esbuild,
// one minified chunk per module (macros/postbuild.py), so a page downloads what it
// uses. Material's document$ replays the current page to a module that subscribes
// late, so a module loaded here starts at once, and again after each navigation.
import "./code-blocks.js";

const modules = {
  "form[data-cmp-filters]": () => import("./comparison.js"),
  ".guide[data-guide]": () => import("./guide.js"),
  "button[data-copy-table]": () => import("./copy-table.js"),
  "section.scorecard": () => import("./scorecard.js"),
};

// data-ready on <html> names the page once its modules have started (tests wait for it).
document$.subscribe(() => {
  const root = document.documentElement;
  delete root.dataset.ready;
  const loads = Object.entries(modules).filter(([selector]) => document.querySelector(selector)).map(([, load]) => load());
  Promise.all(loads).then(() => { root.dataset.ready = location.pathname; });
});
