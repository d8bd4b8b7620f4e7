"""One `mkdocs build` in this process, printing the project's own Python time as JSON.

    cd PROJECT && python benchmarks/timed_build.py SITE_DIR [--profile FILE]

Own time is what the project's code costs on top of MkDocs and the macros plugin:
importing the `macros` package (after the toolchain itself is imported, since a build
imports that anyway), define_env, every macro call and page hook, and the post-build
step. benchmarks/run.py runs this next to a build of the same pages on an empty module.
"""
from __future__ import annotations

import json
import os
import sys
import time
from functools import wraps

started = time.perf_counter()
project = os.getcwd()
sys.path.insert(0, project)
site_dir = sys.argv[1]
profile = sys.argv[sys.argv.index("--profile") + 1] if "--profile" in sys.argv else None

import mkdocs.__main__  # noqa: E402,F401  the toolchain, imported by every build
import mkdocs_macros.plugin  # noqa: E402,F401
import material  # noqa: E402,F401

own = {"import": 0.0, "define_env": 0.0, "macros": 0.0, "page_hooks": 0.0, "post_build": 0.0}


def timed(fn, bucket):
    @wraps(fn)
    def run(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            own[bucket] += time.perf_counter() - t
    return run


t = time.perf_counter()
import macros  # noqa: E402
own["import"] = time.perf_counter() - t

if hasattr(macros, "define_env"):
    define_env = macros.define_env

    def define_env_timed(env):
        register = env.macro

        def macro(fn, name=""):   # every macro the module registers is timed when a page calls it
            return register(timed(fn, "macros"), name) if name else register(timed(fn, "macros"))
        env.macro = macro
        try:
            timed(define_env, "define_env")(env)
        finally:
            env.macro = register
    macros.define_env = define_env_timed
for hook, bucket in (("on_pre_page_macros", "page_hooks"), ("on_post_page_macros", "page_hooks"),
                     ("on_post_build", "post_build")):
    if hasattr(macros, hook):
        setattr(macros, hook, timed(getattr(macros, hook), bucket))

from mkdocs.__main__ import cli  # noqa: E402

args = ["build", "-q", "--site-dir", site_dir]
if profile:
    import cProfile
    cProfile.run("cli(args, standalone_mode=False)", profile)
else:
    cli(args, standalone_mode=False)
own["total_own"] = sum(own.values())
own["in_process"] = time.perf_counter() - started
print(json.dumps(own))
