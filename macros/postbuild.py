"""The one post-build step, for both builds: what is written beside the built pages.

    run(data, site_dir, config)

- the exports (a registry: public path -> function(data, site_url) -> text or bytes);
- one link-preview image per page, at <page>/social.png, from the page's own meta tags
  (og:title / og:description, else <title> / <meta name=description>), so it needs no
  page hooks: MkDocs calls it from the macros module's on_post_build, and after a
  Zensical build `python -m macros postbuild SITE_DIR` does (Zensical runs no
  post-build hook). Images are cached by a hash of what they show (see CACHE_DIR);
- the site's own JavaScript and CSS (docs/js/*.js, docs/stylesheets/*.css), minified
  in place in the built site;
- a redirect stub for every old URL in data/redirects.yml, the same page the
  mkdocs-redirects plugin wrote (meta refresh, canonical link, and a script that keeps
  the #anchor).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from . import urls
from .cachedir import folder
from .records import SiteData
from .render import cost, exports, moving, selfhosting
from .sitecheck import PageParser, is_redirect

ROOT = Path(__file__).resolve().parent.parent

# Link-preview images computed before, by the hash of their inputs. Outside site/, so that a
# clean build, `mkdocs serve` reloads and CI (when it caches the folder) reuse them.
CACHE_DIR = folder("previews")

Export = Callable[[SiteData, str], "str | bytes"]
EXPORTS: dict[str, Export] = {}


def export(path: str):
    """Register a function(data, site_url) whose output is published at `path` (from the site root)."""
    def add(fn: Export) -> Export:
        EXPORTS[path] = fn
        return fn
    return add


export(exports.JSON_PATH)(exports.as_json)
export(exports.CSV_PATH)(exports.as_csv)
for _page in (cost, selfhosting, moving):
    export(_page.JSON_PATH)(_page.as_json)
    export(_page.CSV_PATH)(_page.as_csv)


@export(cost.SCHEMA_PATH)
def _export_cost_schema(data: SiteData, site_url: str) -> bytes:
    return (ROOT / "data" / "schema" / cost.SCHEMA_SOURCE).read_bytes()


@export(exports.SCHEMA_PATH)
def _export_schema(data: SiteData, site_url: str) -> bytes:
    return (ROOT / "data" / "schema" / exports.SCHEMA_SOURCE).read_bytes()


def write_exports(data: SiteData, site_dir: Path, site_url: str) -> list[Path]:
    written = []
    for path, fn in sorted(EXPORTS.items()):
        out = fn(data, site_url)
        target = site_dir / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out if isinstance(out, bytes) else out.encode("utf-8"))
        written.append(target)
    return written


# --- Link previews ------------------------------------------------------------------

def parse_head(page: Path) -> PageParser:
    """The page's <head> only: the tags a preview needs, without reading the body."""
    text = page.read_text(encoding="utf-8")
    end = text.find("</head>")
    parser = PageParser()
    parser.feed(text if end < 0 else text[:end])
    return parser


def page_card(page: Path, site_name: str) -> tuple[str, str, str] | None:
    """(image URL, title, description) from a built page's meta tags; None for a page
    without a preview image (the 404 template, a redirect stub)."""
    parsed = parse_head(page)
    meta = parsed.meta
    image = meta.get("og:image") or meta.get("twitter:image")
    if not image:
        return None
    title = meta.get("og:title") or meta.get("twitter:title") or parsed.title
    title = title.removesuffix(f" - {site_name}")   # the image shows the site's name on its own
    description = meta.get("og:description") or meta.get("twitter:description") or meta.get("description", "")
    return image, title, description


def _renderer_stamp() -> str:
    """What else decides the pixels: the drawing code (render/social.py) and the installed
    Pillow, whose wheel bundles its font and FreeType. Read without importing Pillow."""
    from importlib.metadata import version

    code = (Path(__file__).parent / "render" / "social.py").read_bytes()
    return hashlib.sha256(code).hexdigest() + f"|pillow {version('Pillow')}"


def preview_key(title: str, description: str, site_name: str, host: str, stamp: str) -> str:
    text = json.dumps([title, description, site_name, host, stamp], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def preview(title: str, description: str, site_name: str, host: str, stamp: str,
            cache_dir: Path | None = CACHE_DIR) -> bytes:
    """A page's PNG, from the cache when the same inputs were drawn before."""
    cached = cache_dir / f"{preview_key(title, description, site_name, host, stamp)}.png" if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    from .render import social   # Pillow is imported only when an image must be drawn
    png = social.preview_png(title, description, site_name, host)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(png)
        partial.replace(cached)   # atomic: a parallel build never reads half an image
    return png


def write_previews(site_dir: Path, site_url: str, site_name: str, cache_dir: Path | None = CACHE_DIR) -> list[Path]:
    parts = urlsplit(site_url)
    host = parts.netloc + parts.path.rstrip("/")
    base = site_url if site_url.endswith("/") else site_url + "/"
    stamp = _renderer_stamp()
    written = []
    for page in sorted(site_dir.rglob("*.html")):
        card = page_card(page, site_name)
        if card is None:
            continue
        image, title, description = card
        if not image.startswith(base):
            continue   # an image elsewhere is not this step's to draw
        target = site_dir / image[len(base):]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(preview(title, description, site_name, host, stamp, cache_dir))
        written.append(target)
    return written


# --- Own assets -----------------------------------------------------------------------

OWN_ASSETS = {"js": ".js", "stylesheets": ".css"}   # folder under docs/ (and site/) -> suffix


ENTRY = "site.js"   # docs/js/site.js imports every module; pages load only it
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"   # from package.json (npm ci)


def minify(text: str, suffix: str) -> str:
    if suffix == ".css":
        import rcssmin
        return rcssmin.cssmin(text)
    import rjsmin
    return rjsmin.jsmin(text)


ASSET_CACHE = folder("assets")


def _esbuild(source: Path, out: Path, *args: str, outdir: bool = False, inputs: tuple[Path, ...] = ()) -> bool:
    """esbuild's minifier (it renames local names, which rjsmin cannot). Its output is kept
    in ASSET_CACHE by a hash of the sources (`inputs` besides `source`), the arguments and
    esbuild's version, so a repeat build copies it instead of starting esbuild."""
    h = hashlib.sha256("\0".join((str(outdir), source.name, *args)).encode())
    for p in (ESBUILD.resolve().parent.parent / "package.json", source, *inputs):
        h.update(p.name.encode() + b"\0" + (p.read_bytes() if p.is_file() else b"-") + b"\0")
    cached = ASSET_CACHE / h.hexdigest()
    if not cached.is_dir():
        partial = ASSET_CACHE / f"{h.hexdigest()}.{os.getpid()}.tmp"
        shutil.rmtree(partial, ignore_errors=True)
        target = f"--outdir={partial}" if outdir else f"--outfile={partial / out.name}"
        result = subprocess.run([str(ESBUILD), str(source), "--minify", "--log-level=error", target, *args],
                                capture_output=True, text=True)
        if result.returncode != 0:
            shutil.rmtree(partial, ignore_errors=True)
            raise SystemExit(f"{source}: esbuild could not minify it:\n{result.stderr.strip()}")
        try:
            partial.replace(cached)   # atomic: a parallel build never copies half an output
        except OSError:   # another build stored the same output first
            shutil.rmtree(partial, ignore_errors=True)
    folder = out if outdir else out.parent
    folder.mkdir(parents=True, exist_ok=True)
    for made in cached.iterdir():
        shutil.copyfile(made, folder / made.name)
    return True


def minify_assets(site_dir: Path, docs_dir: Path) -> list[Path]:
    """The built copies of docs/js/*.js and docs/stylesheets/*.css, minified in place (from the
    source files, so running the step twice gives the same bytes). With esbuild, js/site.js is
    bundled with every module it imports: modules it imports lazily become chunks of their own
    (js/<module>-<hash>.js), so a page loads only what it uses, and the modules' unbundled
    copies are removed. Without esbuild, each file is minified where it is."""
    written = []
    js = site_dir / "js"
    entry = docs_dir / "js" / ENTRY
    if entry.is_file() and (js / ENTRY).is_file() and ESBUILD.is_file():
        for source in sorted((docs_dir / "js").glob("*.js")):
            (js / source.name).unlink(missing_ok=True)
        for old in js.glob("*-*.js"):   # chunks of an earlier run of the step
            old.unlink()
        _esbuild(entry, js, "--bundle", "--splitting", "--format=esm", "--target=es2020", "--entry-names=[name]",
                 "--chunk-names=[name]-[hash]", outdir=True, inputs=tuple(sorted((docs_dir / "js").glob("*.js"))))
        written += sorted(js.glob("*.js"))
    for folder, suffix in OWN_ASSETS.items():
        for source in sorted((docs_dir / folder).glob(f"*{suffix}")):
            built = site_dir / folder / source.name
            if not built.is_file() or built in written:
                continue
            if not (suffix == ".css" and ESBUILD.is_file() and _esbuild(source, built)):
                built.write_text(minify(source.read_text(encoding="utf-8"), suffix), encoding="utf-8")
            written.append(built)
    return written


# --- Redirects --------------------------------------------------------------------------

# The page mkdocs-redirects writes for an old URL, byte for byte.
STUB = """
<!doctype html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title>Redirecting...</title>
    <link rel="canonical" href="{url}">
    <script>var anchor=window.location.hash.substr(1);location.href="{url}"+(anchor?"#"+anchor:"")</script>
    <meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
You're being redirected to a <a href="{url}">new destination</a>.
</body>
</html>
"""


def write_redirects(data: SiteData, site_dir: Path) -> list[Path]:
    written = []
    for r in data.redirects:
        target = urls.built_file(site_dir, r.old)
        if target.is_file() and not is_redirect(target):
            raise SystemExit(f"data/redirects.yml: {r.old} is a page of the built site; a redirect would replace it")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(STUB.format(url=urls.relative(r.new, r.old)), encoding="utf-8")
        written.append(target)
    return written


# --- The step ---------------------------------------------------------------------------

def run(data: SiteData | None, site_dir: Path, config: dict, cache_dir: Path | None = CACHE_DIR) -> dict[str, list[Path]]:
    """Everything written after the pages; config holds site_url, site_name and docs_dir.
    Without data (bad data under `mkdocs serve`) only the previews and assets are made."""
    site_dir = Path(site_dir)
    site_url = config.get("site_url") or "/"
    docs_dir = Path(config.get("docs_dir") or ROOT / "docs")
    done = {"redirects": [], "exports": []}
    if data is not None:
        done["redirects"] = write_redirects(data, site_dir)
        done["exports"] = write_exports(data, site_dir, site_url)
    done["previews"] = write_previews(site_dir, site_url, config.get("site_name") or "", cache_dir)
    done["assets"] = minify_assets(site_dir, docs_dir)
    return done


def read_config(config_file: Path) -> dict:
    """The few settings the step needs, from mkdocs.yml (which Zensical reads too)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass
    # mkdocs.yml may carry tags such as !!python/name:...; they are not needed here.
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader) or {}
    docs_dir = config_file.parent / (raw.get("docs_dir") or "docs")
    return {"site_url": raw.get("site_url") or "/", "site_name": raw.get("site_name") or "",
            "docs_dir": str(docs_dir)}
