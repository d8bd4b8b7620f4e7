// The site's one script entry: each import is one small module per behaviour.
// The post-build step bundles and minifies them into this file (macros/postbuild.py);
// under `mkdocs serve` without Node, the browser loads the modules one by one.
import "./comparison.js";
import "./guide.js";
import "./code-blocks.js";
import "./copy-table.js";
import "./scorecard.js";
