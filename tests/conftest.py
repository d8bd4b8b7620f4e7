"""Shared fixtures: a strict build of the site, a local server, and Chromium."""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parent.parent
LOCAL_HOSTS = {"127.0.0.1"}
# Silence the end-of-life banner that Material prints.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
os.environ.update(QUIET)


def run_build(dest: Path, cwd: Path = ROOT, strict: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build` (strict by default) the way a contributor would, capturing its output."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(dest)] + (["--strict"] if strict else [])
    env = {**os.environ, **QUIET, "GITHUB_ACTIONS": "false", **(env or {})}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, str]:
    """The real site, built once per test session: (site dir, build log)."""
    dest = tmp_path_factory.mktemp("site")
    result = run_build(dest)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    return dest, log


@pytest.fixture(scope="session")
def site_dir(built_site) -> Path:
    return built_site[0]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class _GzipHandler(_QuietHandler):
    """Text files gzipped for a client that accepts it, as GitHub Pages serves them. Anything
    else goes to Python's handler as before: redirects, 404s, images and fonts, and a
    conditional request (If-Modified-Since), which it answers uncompressed."""

    TEXT = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".map")

    def send_head(self):
        path = self.translate_path(self.path)   # keeps a trailing "/": a file named so is a 404
        if os.path.isdir(path) and urlsplit(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        if not self._accepts_gzip() or "If-Modified-Since" in self.headers \
                or not os.path.isfile(path) or not path.endswith(self.TEXT):
            return super().send_head()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), compresslevel=6, mtime=0)
            modified = os.fstat(f.fileno()).st_mtime
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return io.BytesIO(body)

    def _accepts_gzip(self) -> bool:
        """Accept-Encoding names gzip (or *) without q=0."""
        for item in self.headers.get("Accept-Encoding", "").split(","):
            name, _, params = item.strip().partition(";")
            if name.strip().lower() in ("gzip", "*"):
                q = params.strip().lower()
                try:
                    return not q.startswith("q=") or float(q[2:]) > 0
                except ValueError:   # a malformed weight: take gzip as accepted
                    return True
        return False


class serve:
    """Serve a folder on 127.0.0.1 (a free port), as a static host would; `compress`: gzip
    text files for clients that accept it, as GitHub Pages (where main is published) does."""

    def __init__(self, directory: Path, compress: bool = False, port: int = 0):
        handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(directory))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    """The built site, served locally."""
    server = serve(site_dir)
    yield server.url
    server.close()


def chromium_executable(playwright) -> str:
    """$CHROMIUM_PATH, else Playwright's own Chromium, else the system one."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    own = playwright.chromium.executable_path
    if own and os.path.exists(own):
        return own
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium") or ""):
        if candidate and os.path.exists(candidate):
            return candidate
    pytest.fail("No Chromium found: run scripts/ensure-chromium or set CHROMIUM_PATH")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_executable(p),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Watched:
    """What a page did that a reader should never see: console errors, foreign requests."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []


def open_context(browser, base_url, watched: Watched, **options):
    context = browser.new_context(base_url=base_url, **options)

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            watched.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context


def watch_page(page, watched: Watched):
    page.on("console", lambda m: m.type == "error" and watched.console_errors.append(m.text))
    page.on("pageerror", lambda e: watched.console_errors.append(f"uncaught: {e}"))
    return page


@pytest.fixture
def watched() -> Watched:
    return Watched()


# The site's script loads each feature's module on the pages that need it (docs/js/site.js)
# and marks <html data-ready> when they have started; a reader could click a moment before.
_READY = """() => !document.querySelector('script[src*="js/site.js"]')
    || document.documentElement.dataset.ready === location.pathname"""


def wait_ready(page):
    try:
        page.wait_for_function(_READY, timeout=10_000)
    except PlaywrightError as e:   # a page that navigates on its own (a legacy guide link) is ready there
        if "context was destroyed" not in str(e) and "navigat" not in str(e):
            raise


def read_through(page):
    """Scroll through the page a screen per frame, then back to the top, as a reader would.
    Long tables and the examples' code are laid out only when they near the screen
    (content-visibility: auto); a check that measures boxes in one go (axe, a target's
    size) would otherwise read the placeholders of parts no reader has reached yet.
    The script is shared with benchmarks/lighthouse-read.mjs."""
    page.evaluate((Path(__file__).parent / "read-through.js").read_text(encoding="utf-8"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def mkdocs_serve(project: Path, log_path: Path):
    """`mkdocs serve` on a project folder, as an editor types it (the `mkdocs` command, which
    unlike `python -m mkdocs` does not put the project on Python's import path); yields the
    site's URL. Its output goes to log_path."""
    port = free_port()
    with open(log_path, "w+", encoding="utf-8") as log:
        process = subprocess.Popen([str(Path(sys.executable).parent / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
                                   cwd=project, stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, **QUIET, "GITHUB_ACTIONS": "false"})
        try:
            yield f"http://127.0.0.1:{port}/dagster-or-prefect/"
        finally:
            process.terminate()
            process.wait(timeout=20)


def wait_until(page, url, check, timeout=40) -> bool:
    """Open url until check(page) holds (the server may be starting or rebuilding)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            page.goto(url)
            if check(page):
                return True
        except Exception:  # noqa: BLE001 - the server is starting or rebuilding
            pass
        time.sleep(0.5)
    return False


def _make_page(browser, base_url, watched, **options):
    context = open_context(browser, base_url, watched, **options)
    page = watch_page(context.new_page(), watched)
    page.set_default_timeout(10_000)
    if options.get("java_script_enabled", True):
        for name in ("goto", "reload", "go_back", "go_forward"):
            def navigate(*args, _original=getattr(page, name), **kwargs):
                response = _original(*args, **kwargs)
                wait_ready(page)
                return response
            setattr(page, name, navigate)
    return context, page


@pytest.fixture
def new_page(browser, base_url, watched):
    """A factory for extra pages (e.g. opening a shared URL in a fresh tab)."""
    contexts = []

    def make(url: str | None = None, **options):
        """url: another local site to browse (defaults to the built site)."""
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context, page = _make_page(browser, url or base_url, watched, **options)
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()
    assert watched.console_errors == [], watched.console_errors
    assert watched.foreign_requests == [], watched.foreign_requests


@pytest.fixture
def page(new_page):
    """A desktop-sized page; the test fails on console errors or foreign requests."""
    return new_page()


@pytest.fixture
def phone(new_page):
    """A phone-sized, touch-enabled page with the same guards."""
    return new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2)


@pytest.fixture
def no_js_page(new_page):
    """A page with JavaScript disabled, as some corporate browsers have it."""
    return new_page(java_script_enabled=False)


@functools.lru_cache(maxsize=1)
def real_data():
    """The real data/ for parametrising tests at collection time, or None when it is
    broken: then test_data's real-data test fails with the problems, and no collection
    error hides them."""
    from macros.load import load
    from macros.problems import DataError

    try:
        return load(ROOT / "data")
    except DataError:
        return None


@pytest.fixture(scope="session")
def site_data():
    """The real data/, loaded once; broken data fails the tests that use it, not the collection."""
    from macros.load import load

    return load(ROOT / "data")


@pytest.fixture(scope="session")
def small_data(tmp_path_factory):
    """The synthetic data in tests/fixtures, as records (for renderer tests)."""
    from datafix import fixture_data

    return fixture_data(tmp_path_factory.mktemp("small"))
