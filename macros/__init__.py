"""The site's only Python: load and validate data/, render it, and register macros.

mkdocs-macros imports this package and calls define_env (see glue.py).
Zensical's macros loader runs this file on its own rather than as a package,
so relative imports would fail there: in that case import the package properly.
"""
from __future__ import annotations

import importlib
import os
import sys

_registered = sys.modules.get(__name__)
if _registered is None or _registered.__dict__ is not globals():  # executed without being imported
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    _glue = importlib.import_module("macros.glue")
    define_env, on_post_page_macros, on_post_build = _glue.define_env, _glue.on_post_page_macros, _glue.on_post_build
    on_pre_page_macros = _glue.on_pre_page_macros
else:
    from .glue import define_env, on_post_build, on_post_page_macros, on_pre_page_macros

__all__ = ["define_env", "on_pre_page_macros", "on_post_page_macros", "on_post_build"]
