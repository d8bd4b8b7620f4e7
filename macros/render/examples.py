"""The side-by-side code page: per example, one content tab per tool whose code is the
tested file itself (included by pymdownx.snippets), the pages it follows, what its test
checks, what differs, and the rows of the comparison it illustrates."""
from __future__ import annotations

from .. import urls
from ..records import SiteData
from . import render


def examples(data: SiteData, page_url: str) -> str:
    # Indentation is meaningful here (tab content and code fences), so it is kept.
    return render("examples.html", strip=False, data=data, urls=urls,
                  href=urls.resolver(page_url))
