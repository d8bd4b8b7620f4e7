"""Speed and size figures for the site. Prints them; asserts nothing.

    .venv/bin/python benchmarks/run.py            # ~4 minutes on 2 cores, then Lighthouse (~8)

Targets (from the issues): the project's own Python time (importing macros,
define_env, macro calls and page hooks, the post-build step) <= 30% of a build of
the same pages with the macros plugin on an empty module, with the site's caches and
Python's bytecode warm (printed with the cold figure and the full-build ratio beside it,
from interleaved medians); a `mkdocs serve` rebuild after a data edit <= 1.5 s; build
cost linear in the number of criteria; the guide page <= a plain page + 10 KiB
downloaded; the site's own JS + CSS a page is served <= 8 KiB gzipped; answering a
guide question shows the next one within one frame (16 ms of main-thread work to the
next paint, counted in the main thread's CPU time; the wall-clock figure is printed
beside it); cumulative layout shift < 0.01 on /, /comparison/ and /decision-guide/ at
phone and desktop widths; Lighthouse mobile total blocking time of the key pages no
worse than the plain page's (benchmarks/lighthouse.sh).
"""
from __future__ import annotations

import copy
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from conftest import QUIET, chromium_executable, mkdocs_serve, serve, wait_until  # noqa: E402
from datafix import copy_project  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def build_seconds(project: Path) -> float:
    """Median wall time of `mkdocs build` for a project folder."""
    times = []
    for _ in range(RUNS):
        out = Path(tempfile.mkdtemp())
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(out)],
                                cwd=project, capture_output=True, text=True, env={**os.environ, **QUIET})
        times.append(time.perf_counter() - start)
        shutil.rmtree(out, ignore_errors=True)
        if result.returncode:
            raise SystemExit(result.stderr)
    return statistics.median(times)


def timed_build(project: Path, env: dict | None = None) -> tuple[float, dict]:
    """(wall seconds, own Python time by part) of one build through benchmarks/timed_build.py."""
    out = Path(tempfile.mkdtemp())
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "timed_build.py"), str(out)], cwd=project,
                            capture_output=True, text=True, env={**os.environ, **QUIET, **(env or {})})
    wall = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    if result.returncode:
        raise SystemExit(result.stderr)
    return wall, json.loads(result.stdout.strip().splitlines()[-1])


def empty_module(project: Path) -> None:
    """Same pages and the macros plugin, on a module that defines nothing (macro calls removed)."""
    # The MkDocs hooks named in mkdocs.yml stay (they are the toolchain's setup, not macros).
    hooks = re.search(r"^hooks:\n((?:  - .*\n)+)", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    kept = {name: (project / name).read_bytes() for name in re.findall(r"  - (\S+)", hooks)}
    shutil.rmtree(project / "macros")
    (project / "macros").mkdir()
    for name, content in kept.items():
        (project / name).write_bytes(content)
    (project / "macros" / "__init__.py").write_text("def define_env(env):\n    pass\n", encoding="utf-8")
    for md in (project / "docs").rglob("*.md"):
        md.write_text(re.sub(r"\{\{.*?\}\}", "", md.read_text(encoding="utf-8")), encoding="utf-8")


# Python's own bytecode cache: an editor's Python writes __pycache__ beside the project's
# modules and reads it on the next build; this machine's environment sets
# PYTHONDONTWRITEBYTECODE=1, which would compile every project module from source on every
# build (the toolchain's bytecode comes with its wheels either way).
WRITE_BYTECODE = {"PYTHONDONTWRITEBYTECODE": ""}
NO_BYTECODE = {"PYTHONDONTWRITEBYTECODE": "1"}


def drop_bytecode(project: Path) -> None:
    for folder in project.rglob("__pycache__"):
        shutil.rmtree(folder, ignore_errors=True)


def own_time_share(work: Path) -> None:
    """Interleaved runs: empty module, then full builds with warm caches (the site's and
    Python's), with cold ones (neither, as on a fresh clone), and with the site's caches warm
    but no bytecode."""
    full, empty = copy_project(work / "own-full"), copy_project(work / "own-empty")
    empty_module(empty)
    timed_build(empty, WRITE_BYTECODE)
    timed_build(full, WRITE_BYTECODE)   # warm the preview, template and data caches, and __pycache__
    series = ("warm", "cold", "no-bytecode")
    runs: dict[str, list[float]] = {"empty": [], **{k: [] for k in series}}
    own: dict[str, list[float]] = {k: [] for k in series}
    parts: dict[str, list[float]] = {}
    for _ in range(RUNS):
        runs["empty"].append(timed_build(empty, WRITE_BYTECODE)[0])
        for kind in series:
            if kind == "warm":
                wall, timing = timed_build(full, WRITE_BYTECODE)
            else:
                drop_bytecode(full)
                cold = Path(tempfile.mkdtemp()) if kind == "cold" else None   # an empty site cache
                wall, timing = timed_build(full, {**NO_BYTECODE, **({"SITE_CACHE_DIR": str(cold)} if cold else {})})
                if cold:
                    shutil.rmtree(cold, ignore_errors=True)
            runs[kind].append(wall)
            own[kind].append(timing["total_own"])
            if kind == "warm":
                for k, v in timing.items():
                    parts.setdefault(k, []).append(v)
        timed_build(full, WRITE_BYTECODE)   # __pycache__ back for the next warm run (not counted)
    med = {k: statistics.median(v) for k, v in runs.items()}
    own_med = {k: statistics.median(v) for k, v in own.items()}
    share = {k: 100 * v / med["empty"] for k, v in own_med.items()}
    print(f"own Python time, warm caches: {own_med['warm']:.2f} s = {share['warm']:.0f}% of the empty-module build "
          f"({med['empty']:.2f} s) (target <= 30%)")
    print(f"  cold caches (fresh clone: no site cache, no __pycache__): {own_med['cold']:.2f} s = {share['cold']:.0f}%; "
          f"site caches warm but no __pycache__ (PYTHONDONTWRITEBYTECODE=1): {own_med['no-bytecode']:.2f} s = "
          f"{share['no-bytecode']:.0f}%")
    print(f"  full build: warm {med['warm']:.2f} s = {med['warm'] / med['empty']:.2f}x the empty-module build, "
          f"cold {med['cold']:.2f} s = {med['cold'] / med['empty']:.2f}x")
    print("  warm, by part: " + ", ".join(f"{k} {statistics.median(v):.3f} s" for k, v in parts.items()
                                          if k not in ("total_own", "in_process")))


def serve_rebuild(work: Path) -> None:
    """The rebuild `mkdocs serve` runs after an edit to data/criteria.yml (benchmarks/rebuild.py)."""
    project = copy_project(work / "rebuild")
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "rebuild.py"), str(work / "rebuild-site"), str(RUNS)],
                            cwd=project, capture_output=True, text=True, env={**os.environ, **QUIET})
    if result.returncode:
        raise SystemExit(result.stderr)
    times = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"serve: the rebuild alone after an edit to data/criteria.yml, median {statistics.median(times):.2f} s, "
          f"max {max(times):.2f} s over {len(times)} edits (in one process, as serve runs it; the watcher and the "
          f"browser's reload come on top)")


SEEN = """(text) => document.body && document.body.innerText.includes(text)"""


def serve_visible(work: Path, edits: int = 5) -> list[float]:
    """Seconds from saving data/criteria.yml to the new text on screen in Chromium, with
    `mkdocs serve` running and the page open, as an editor works: the file watcher, the
    rebuild, livereload and the page's reload all count."""
    from playwright.sync_api import sync_playwright

    project = copy_project(work / "serve")
    log = work / "serve.log"
    criteria = project / "data" / "criteria.yml"
    original = criteria.read_text(encoding="utf-8")
    times = []
    with mkdocs_serve(project, log) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_executable(p), args=["--no-sandbox"])
        page = browser.new_page()
        if not wait_until(page, url + "comparison/", lambda pg: pg.locator("tr.cmp-row").count() > 0, timeout=60):
            raise SystemExit("mkdocs serve did not start:\n" + log.read_text(encoding="utf-8"))
        for n in range(edits):
            page.wait_for_timeout(1500)   # the watcher and the page settled
            text = f"Edited cell {n}"
            start = time.perf_counter()
            criteria.write_text(original.replace("cell: ", f"cell: {text} ", 1), encoding="utf-8")
            while True:
                try:
                    if page.evaluate(SEEN, text):
                        break
                except Exception:  # noqa: BLE001 - the page is reloading
                    pass
                if time.perf_counter() - start > 30:
                    raise SystemExit("an edit never showed:\n" + log.read_text(encoding="utf-8"))
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
        browser.close()
    return times


def without_macros(project: Path) -> None:
    """Same pages, no macros plugin, macro calls removed."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"  - macros:\n(      .*\n)+", "", text)
    config.write_text(text, encoding="utf-8")
    for md in (project / "docs").rglob("*.md"):
        md.write_text(re.sub(r"\{\{.*?\}\}", "", md.read_text(encoding="utf-8")), encoding="utf-8")


def multiply_criteria(project: Path, factor: int) -> int:
    path = project / "data" / "criteria.yml"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    original = doc["criteria"]
    copies = [dict(copy.deepcopy(c), id=f"{c['id']}-copy-{n}") for n in range(1, factor) for c in original]
    doc["criteria"] = original + copies  # deep copies: shared objects would be dumped as YAML aliases
    path.write_text(header + "\n" + yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    # Every row needs an answer that brings it in: one hard-requirement box per copy.
    guide_path = project / "data" / "guide.yml"
    guide = yaml.safe_load(guide_path.read_text(encoding="utf-8"))
    boxes = next(q for q in guide["questions"] if q.get("multiple"))
    boxes["answers"] += [{"id": f"needs-{c['id']}", "label": f"Needs {c['title']}", "rows": [c["id"]]} for c in copies]
    guide_path.write_text(guide_path.read_text(encoding="utf-8").splitlines()[0] + "\n" + yaml.safe_dump(guide, sort_keys=False),
                          encoding="utf-8")
    return len(doc["criteria"])


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


@contextmanager
def chromium_on(site: Path):
    """(browser, base URL): Chromium and the built site served on 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    server = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_executable(p), args=[
                "--no-sandbox", "--disable-background-networking", "--disable-component-update"])
            yield browser, server.url
            browser.close()
    finally:
        server.close()


def page_weights(site: Path, urls: list[str]) -> dict[str, int]:
    """Gzipped bytes a first-time reader downloads for each page (fresh browser context)."""
    weights = {}
    with chromium_on(site) as (browser, base):
        for url in urls:
            context = browser.new_context()
            page = context.new_page()
            sizes: list[int] = []
            page.on("response", lambda r: sizes.append(gz(r.body())) if r.ok else None)
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            weights[url] = sum(sizes)
            context.close()
    return weights


OWN = ("/js/", "/stylesheets/site.css")


def own_served(site: Path, urls: list[str]) -> dict[str, tuple[int, int]]:
    """The site's own JS and CSS one page downloads (gzip -9 bytes, files), as Chromium requests it."""
    found = {}
    with chromium_on(site) as (browser, base):
        for url in urls:
            context = browser.new_context()
            page = context.new_page()
            sizes: list[int] = []
            page.on("response", lambda r: sizes.append(gz(r.body())) if r.ok and any(o in r.url for o in OWN) else None)
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            found[url] = (sum(sizes), len(sizes))
            context.close()
    return found


# Clicking through every question of these routes (the multiple question: one box, then Continue).
# Resolves after the next frame is painted (a task queued from requestAnimationFrame runs after it).
STEP = """() => new Promise((done) => {
    const shown = [...document.querySelectorAll('.guide-steps fieldset')].find(f => !f.hidden);
    if (!shown || document.querySelector('.guide-steps').hidden) return done(null);
    const box = shown.querySelector('input[type=checkbox]');
    if (box) box.checked = true;
    const buttons = [...shown.querySelectorAll('button')];
    const button = buttons[Math.floor(Math.random() * buttons.length)];
    const start = performance.now();
    button.click();
    const handled = performance.now() - start;
    const result = !document.querySelector('.guide-result').hidden;
    requestAnimationFrame(() => setTimeout(() => done([handled, result]), 0));
})"""


# The parts of the guide's work per answer: label, DevTools Performance metric.
GUIDE_WORK = (("script", "ScriptDuration"), ("style", "RecalcStyleDuration"), ("layout", "LayoutDuration"))


def guide_step_ms(site: Path, walks: int = 12, pause_ms: int = 250) -> list[dict]:
    """For each answer over every question of `walks` random routes: the click handler's own
    time, whether it showed a result, and the main thread's work from the click to the next
    painted frame, split into script, style and layout, twice: in the main thread's own CPU
    time ("thread") and in wall-clock time ("wall"). Both are Chromium's own account (DevTools
    Performance metrics in its threadTicks and timeTicks domains; script excludes the style and
    layout it forces), so layout that happens at paint counts as well as layout the handler
    forces. Wall time also counts the moments the main thread waited for a core: on 2 cores the
    browser, GPU and driver processes take turns with it. A reader's pause comes between
    answers, so one answer's frame does not fall into the next one's figure."""
    times = []
    with chromium_on(site) as (browser, base):
        page = browser.new_page()
        clocks = {}
        for clock, domain in (("wall", "timeTicks"), ("thread", "threadTicks")):
            clocks[clock] = page.context.new_cdp_session(page)
            clocks[clock].send("Performance.enable", {"timeDomain": domain})

        def work_ms() -> dict[str, tuple[float, ...]]:
            found = {}
            for clock, cdp in clocks.items():
                m = {x["name"]: x["value"] for x in cdp.send("Performance.getMetrics")["metrics"]}
                found[clock] = tuple(1000 * m[metric] for _, metric in GUIDE_WORK)
            return found
        page.add_init_script("Math.random = (() => { let x = 7; return () => (x = (x * 16807) % 2147483647) / 2147483647; })()")
        for _ in range(walks):
            page.goto(base + "/decision-guide/")
            page.wait_for_function("document.documentElement.dataset.ready === location.pathname")
            while True:
                page.wait_for_timeout(pause_ms)
                before = work_ms()
                step = page.evaluate(STEP)
                if step is None:
                    break
                after = work_ms()
                times.append({"handler": step[0], "result": step[1],
                              **{clock: tuple(b - a for a, b in zip(before[clock], after[clock])) for clock in clocks}})
    return times


def spread(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"


CLS_SCRIPT = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


def layout_shift(site: Path, urls: list[str]) -> dict[tuple[str, str], float]:
    """Cumulative layout shift while each page loads and its scripts start (Chromium's
    PerformanceObserver), at phone and desktop widths."""
    sizes = {"phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
                       "device_scale_factor": 3},
             "desktop": {"viewport": {"width": 1280, "height": 900}}}
    found = {}
    with chromium_on(site) as (browser, base):
        for name, options in sizes.items():
            for url in urls:
                context = browser.new_context(**options)
                context.add_init_script(CLS_SCRIPT)
                page = context.new_page()
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(1000)
                found[(url, name)] = page.evaluate("window.__cls")
                context.close()
    return found


FORCED = ("Layout", "UpdateLayoutTree")


def forced_on_load(site: Path, urls: list[str], loads: int = 3) -> dict[str, dict[str, tuple[float, float]]]:
    """Style and layout that scripts force while each page loads at phone width (Chromium's
    trace: Layout and UpdateLayoutTree events that carry a JavaScript stack), by whose script
    forced them: the theme's bundle or the site's own /js/. Medians of `loads` loads: how many
    times, and their ms; and ("restyle", elements and 0 ms) the most elements one style
    recalculation covered, which is what each of the theme's whole-page restyles at start-up
    costs. Both move from load to load (the first forced update pays for whatever the browser
    had not drawn yet), but far less than Lighthouse's blocking time, which moves by 50-100 ms
    from run to run here: they name the work a change removes."""
    found: dict[str, dict[str, list[tuple[int, float]]]] = {}
    with chromium_on(site) as (browser, base):
        for url in urls:
            for _ in range(loads):
                context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
                page = context.new_page()
                browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline",
                                                             "disabled-by-default-devtools.timeline.stack"])
                page.goto(base + url, wait_until="load")
                page.wait_for_timeout(1500)
                trace = json.loads(browser.stop_tracing())
                events = trace["traceEvents"] if isinstance(trace, dict) else trace
                totals = {"theme": [0, 0.0], "site": [0, 0.0]}
                restyled = [((e.get("args") or {}).get("elementCount") or 0) for e in events
                            if e.get("name") == "UpdateLayoutTree" and e.get("ph") == "X"]
                found.setdefault(url, {}).setdefault("restyle", []).append((max(restyled, default=0), 0.0))
                for e in events:
                    stack = ((e.get("args") or {}).get("beginData") or {}).get("stackTrace") if e.get("name") in FORCED else None
                    if stack and e.get("ph") == "X":
                        owner = totals["site" if "/js/" in stack[0]["url"] else "theme"]
                        owner[0] += 1
                        owner[1] += e.get("dur", 0) / 1000
                for owner, (count, ms) in totals.items():
                    found.setdefault(url, {}).setdefault(owner, []).append((count, ms))
                context.close()
    return {url: {o: (statistics.median(c for c, _ in v), statistics.median(ms for _, ms in v)) for o, v in owners.items()}
            for url, owners in found.items()}


def guide_report(site: Path) -> None:
    steps = guide_step_ms(site)
    for clock, name in (("thread", "the main thread's CPU time"), ("wall", "wall-clock time")):
        print(f"guide, in {name}: work from an answer's click to the next painted frame (script + style + layout), "
              f"over {len(steps)} answers: {spread([sum(s[clock]) for s in steps])}"
              + (" (target: p-max <= 16 ms)" if clock == "thread" else " (includes waits for a core)"))
        for name, result in (("the next question", False), ("a result", True)):
            picked = [s[clock] for s in steps if s["result"] is result]
            medians = ", ".join(f"{label} {statistics.median(p[i] for p in picked):.1f}"
                                for i, (label, _) in enumerate(GUIDE_WORK))
            print(f"  answers that show {name} ({len(picked)}): {spread([sum(p) for p in picked])}; medians: {medians} ms")
    print(f"  the click handler alone (wall clock, from inside the page): {spread([s['handler'] for s in steps])}")


def main() -> None:
    work = Path(tempfile.mkdtemp())
    print(f"Benchmark, {date.today()}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {RUNS} builds")

    own_time_share(work)
    serve_rebuild(work)
    seen = serve_visible(work, RUNS)
    print(f"serve: an edit to data/criteria.yml on screen (save, watcher, rebuild, livereload, reload) median "
          f"{statistics.median(seen):.2f} s, max {max(seen):.2f} s over {len(seen)} edits (target <= 1.5 s)")
    full = copy_project(work / "full")
    plain = copy_project(work / "plain")
    without_macros(plain)
    t_full, t_plain = build_seconds(full), build_seconds(plain)
    print(f"build: full {t_full:.2f} s, without macros {t_plain:.2f} s, ratio {t_full / t_plain:.2f}x (untargeted since "
          f"issue 20: most of it is Markdown, Pygments, search and theme work on the generated content, which grows "
          f"with the content; the target is the own Python time above)")
    imports = {}
    for module in ("mkdocs_macros.plugin", "jsonschema"):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        imports[module] = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - start
    print("  of which importing: " + ", ".join(f"{m} {t - bare:.2f} s" for m, t in imports.items()))

    base = len(yaml.safe_load((ROOT / "data" / "criteria.yml").read_text(encoding="utf-8"))["criteria"])
    print(f"build with {base} criteria: {t_full:.2f} s")
    for factor in (5, 10):   # data files stay under 1 MB (macros/load/yamlsource.py)
        project = copy_project(work / f"x{factor}")
        n = multiply_criteria(project, factor)
        t = build_seconds(project)
        print(f"build with {n} criteria (x{factor}): {t:.2f} s; {1000 * (t - t_plain) / n:.2f} ms per criterion over the plain build")

    site = work / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=ROOT,
                   check=True, env={**os.environ, **QUIET})
    weights = page_weights(site, ["/conclusion/", "/", "/comparison/", "/decision-guide/"])
    plain_page = weights["/conclusion/"]
    for url, size in weights.items():
        print(f"download {url}: {size / 1024:.1f} KiB gzipped ({(size - plain_page) / 1024:+.1f} KiB vs plain /conclusion/)")
    print(f"  guide page over plain: {(weights['/decision-guide/'] - plain_page) / 1024:.1f} KiB (target <= 10 KiB)")

    own = {p.relative_to(site).as_posix(): gz(p.read_bytes())
           for p in [site / "stylesheets" / "site.css", *sorted((site / "js").glob("*.js"))]}
    for p, size in own.items():
        print(f"own asset {p}: {size} B gzipped")
    print(f"  all of the site's own JS + CSS files together (minified by the post-build step), gzip -9: "
          f"{sum(own.values())} B in {len(own)} files (each page loads only its own modules; untargeted)")
    print("  (bundled by esbuild: js/site.js and one chunk per module)" if any("-" in p for p in own)
          else "  (no esbuild here: each module minified on its own; run npm ci for the chunks)")
    served = own_served(site, ["/", "/conclusion/", "/how-to-choose/", "/comparison/", "/decision-guide/",
                               "/decision-guide/result/run-a-trial/", "/examples/", "/cost/", "/self-hosting/",
                               "/moving/"])
    for url, (size, files) in served.items():
        print(f"own JS + CSS served to {url}: {size} B gzipped in {files} files")
    print(f"  most any page is served: {max(s for s, _ in served.values())} B (target <= 8,192 B)")

    for (url, size), value in layout_shift(site, ["/", "/comparison/", "/decision-guide/"]).items():
        print(f"layout shift {url} ({size}): {value:.4f} (target < 0.01)")

    for url, owners in forced_on_load(site, ["/conclusion/", "/comparison/", "/examples/", "/decision-guide/"]).items():
        (theme, theme_ms), (own, own_ms), (restyle, _) = owners["theme"], owners["site"], owners["restyle"]
        print(f"style and layout forced by scripts while {url} loads (phone): the theme's {theme:.0f} times, "
              f"{theme_ms:.1f} ms; the site's {own:.0f} times, {own_ms:.1f} ms; the largest restyle {restyle:.0f} "
              f"elements (untargeted, medians of 3 loads)")

    guide_report(site)
    shutil.rmtree(work, ignore_errors=True)

    if os.environ.get("BENCH_LIGHTHOUSE", "1") != "0":   # about 8 minutes; BENCH_LIGHTHOUSE=0 skips it
        print("Lighthouse (benchmarks/lighthouse.sh):", flush=True)
        subprocess.run(["bash", str(ROOT / "benchmarks" / "lighthouse.sh")], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
