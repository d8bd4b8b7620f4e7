"""MkDocs-macros entry point: thin glue between the data and the pages."""


def define_env(env):
    """Register the site's macros (filled in as data-driven pages arrive)."""
