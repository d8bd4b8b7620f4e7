#!/usr/bin/env bash
# Lighthouse accessibility, best-practices and SEO scores for the key pages.
# Not part of `make test` (it downloads Lighthouse from npm, ~100 MB). Run:
#   benchmarks/lighthouse.sh            # needs Node 20+, npm and a Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
chrome=${CHROME_PATH:-/usr/bin/chromium}
tools=$(mktemp -d)
npm install --silent --prefix "$tools" lighthouse@12.8.2 >/dev/null
.venv/bin/python -m mkdocs build -q --site-dir "$tools/site"
.venv/bin/python -m http.server 8765 --bind 127.0.0.1 --directory "$tools/site" >/dev/null 2>&1 &
server=$!
trap 'kill $server; rm -rf "$tools"' EXIT
sleep 1
for page in "" comparison/ decision-guide/; do
  CHROME_PATH=$chrome "$tools/node_modules/.bin/lighthouse" "http://127.0.0.1:8765/$page" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-background-networking --disable-component-update --disable-sync" \
    --only-categories=accessibility,best-practices,seo --output=json --output-path="$tools/report.json" >/dev/null 2>&1
  .venv/bin/python - "$tools/report.json" "/$page" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
print(sys.argv[2], scores)
PY
done
