#!/usr/bin/env bash
# Lighthouse figures for the key pages.
#  1. accessibility, best-practices and SEO scores for /, /comparison/, /decision-guide/
#     on load, then the accessibility score after reading each key page through
#     (benchmarks/lighthouse-read.mjs): tables and code off screen are drawn only as a
#     reader nears them, and the load audit measures their placeholders;
#  2. mobile performance score and total blocking time (TBT) for the key pages beside
#     the plain /conclusion/: medians of $RUNS runs (default 5), interleaved (page after
#     page, then again), so that load on the machine falls on all pages alike.
#     Target: the key pages' TBT no worse than the plain page's. The plain page is also
#     measured a second time as if it were another page (conclusion-again/): how far
#     apart two medians of the same page land is the noise floor of the comparison.
# Not part of `make test`. Lighthouse (~100 MB from npm) is installed once into
# .cache/lighthouse/. `make bench` runs this script at its end. Run:
#   benchmarks/lighthouse.sh            # needs Node 20+, npm and a Chromium (~8 minutes)
#   RUNS=15 PERF_ONLY=1 PAGES="conclusion/ comparison/ examples/" benchmarks/lighthouse.sh
#   COMPRESS=0 ...                      # every file served uncompressed
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
chrome=${CHROME_PATH:-/usr/bin/chromium}
runs=${RUNS:-5}
port=${PORT:-8765}
# The plain page first, then the key pages.
PAGES=${PAGES:-"conclusion/ home/ comparison/ decision-guide/ examples/ cost/ conclusion-again/"}   # PAGES="conclusion/ comparison/" for fewer
version=12.8.2   # the newest major that runs on Node 20
install=.cache/lighthouse
if [ "$(cat "$install/version" 2>/dev/null)" != "$version" ]; then
  rm -rf "$install"
  npm install --silent --no-audit --no-fund --prefix "$install" "lighthouse@$version" >/dev/null
  echo "$version" > "$install/version"
fi
tools=$(mktemp -d)
.venv/bin/python -m mkdocs build -q --site-dir "$tools/site"
# Served as GitHub Pages serves main: HTML, CSS, JS and JSON gzipped. COMPRESS=0 serves
# every file uncompressed (as Python's http.server did here before 2026-12-07): Lighthouse
# then simulates a phone downloading /comparison/'s 216 KB of HTML instead of 34 KB.
.venv/bin/python -c 'import sys, time; sys.path.insert(0, "tests"); from conftest import serve
serve(sys.argv[1], compress=sys.argv[3] != "0", port=int(sys.argv[2])); time.sleep(1e9)' \
  "$tools/site" "$port" "${COMPRESS:-1}" >/dev/null 2>&1 &
server=$!
trap 'kill $server; rm -rf "$tools"' EXIT
for _ in $(seq 100); do   # until the server answers (importing the test helpers takes a moment)
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
flags="--headless=new --no-sandbox --disable-background-networking --disable-component-update --disable-sync"
lighthouse() {   # URL path, output file, lighthouse options...
  local page=$1 out=$2
  shift 2
  CHROME_PATH=$chrome "$install/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$page" --quiet \
    --chrome-flags="$flags" --output=json --output-path="$out" "$@" >/dev/null 2>&1
}

if [ "${PERF_ONLY:-0}" != 1 ]; then   # PERF_ONLY=1: only the mobile performance runs
for page in "" comparison/ decision-guide/; do
  lighthouse "$page" "$tools/report.json" --only-categories=accessibility,best-practices,seo
  .venv/bin/python - "$tools/report.json" "/$page" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
print(sys.argv[2], scores)
PY
done

CHROME_PATH=$chrome node benchmarks/lighthouse-read.mjs "http://127.0.0.1:$port" / /comparison/ /decision-guide/ /examples/ /cost/
fi

# Mobile (Lighthouse's default form factor and throttling), performance only.
mkdir -p "$tools/perf"
for run in $(seq "$runs"); do
  for page in $PAGES; do
    path=${page#home/}   # home/ stands for the site root
    path=${path/-again\//\/}   # conclusion-again/ is conclusion/ once more
    lighthouse "$path" "$tools/perf/${page%/}-$run.json" --only-categories=performance --form-factor=mobile
  done
done
.venv/bin/python - "$tools/perf" <<'PY'
import json, statistics, sys
from pathlib import Path


def blocking_by_source(audits):
    """A run's TBT split, approximately, by whose task blocked: each task in Lighthouse's
    (simulated) long-tasks list blocks for what it runs past 50 ms between first contentful
    paint and interactive. Lighthouse's TBT averages two simulations and its list stops at
    20 tasks, so the split need not add up: the rest is printed as "unattributed"."""
    fcp = audits["first-contentful-paint"]["numericValue"]
    tti = audits["interactive"]["numericValue"]
    split = {"theme": 0.0, "own": 0.0, "other": 0.0}
    for task in audits["long-tasks"]["details"]["items"]:
        start, end = task["startTime"], task["startTime"] + task["duration"]
        who = ("theme" if "/assets/javascripts/" in task["url"]    # Material's bundle
               else "own" if "/js/" in task["url"] else "other")   # this site's modules; parsing, style
        split[who] += max(0.0, min(end, tti) - max(start, fcp) - 50)
    split["unattributed"] = audits["total-blocking-time"]["numericValue"] - sum(split.values())
    return split


found = {}
for report in sorted(Path(sys.argv[1]).glob("*.json")):
    page = report.stem.rsplit("-", 1)[0]
    data = json.loads(report.read_text())
    audits = data["audits"]
    found.setdefault(page, []).append((data["categories"]["performance"]["score"] * 100,
                                       audits["total-blocking-time"]["numericValue"], blocking_by_source(audits)))
plain = statistics.median(t for _, t, _ in found["conclusion"])
for page in sorted(found, key=lambda p: (p != "conclusion", p == "conclusion-again", p)):
    runs = found[page]
    perf = statistics.median(p for p, _, _ in runs)
    tbt = statistics.median(t for _, t, _ in runs)
    spread = ", ".join(f"{t:.0f}" for t in sorted(t for _, t, _ in runs))
    shown = {"home": "/", "conclusion-again": "/conclusion/ again (same page: the noise floor)"}.get(page, f"/{page}/")
    target = " (target: no worse)" if page not in ("conclusion", "conclusion-again") else ""
    print(f"mobile {shown}: performance {perf:.0f}, TBT median {tbt:.0f} ms (runs: {spread} ms); "
          f"{tbt - plain:+.0f} ms vs the plain /conclusion/{target}")
    each = {who: ", ".join(f"{split[who]:.0f}" for _, _, split in runs) for who in runs[0][2]}
    print(f"  blocking by source, each run (approximate): theme's script (Material's bundle) {each['theme']} ms; "
          f"this site's own scripts {each['own']} ms; other (parsing, style) {each['other']} ms; "
          f"unattributed {each['unattributed']} ms")
PY
