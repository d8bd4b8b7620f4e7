"""A MkDocs hook (mkdocs.yml `hooks:`): `mkdocs serve` hears about a save when it happens.

MkDocs watches the project by polling: every half second it lists and stats each watched
folder, so a save waits a quarter of a second on average, and up to about half a second,
before the rebuild starts. The operating system can say so at once (inotify on Linux,
FSEvents on macOS, ReadDirectoryChangesW on Windows): this hook moves every watched path to
watchdog's native observer (watchdog comes with MkDocs). Where there is none, or it cannot
watch (a watch limit reached, a file system without notifications), serve keeps MkDocs's
polling; the preview works as before, only slower to react."""
from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.hooks.watcher")


def on_serve(server, config, builder):
    # watchdog is imported here, not at the top: every build loads this hook, and importing
    # watchdog's observers costs tens of milliseconds that only `serve` needs.
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    # Paths MkDocs watched before this hook ran: docs_dir, mkdocs.yml and, with --watch-theme,
    # the theme's folders, each with a count. MkDocs keeps no public list of them; if that
    # attribute ever goes, keep polling rather than lose one. mkdocs.yml's `watch:` paths are
    # added after this hook, to whichever observer the server has then.
    watched = getattr(server, "_watched_paths", None)
    if not isinstance(watched, dict) or Observer is PollingObserver or not _can_watch(list(watched)):
        return server
    counts = dict(watched)
    for path, count in counts.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = changes_observer()
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
    return server


def changes_observer():
    """The native observer, passing on changes only: a save, a new file, a deletion or a
    rename. inotify also reports files being opened and closed unwritten, and MkDocs rebuilds
    on any event: the build's own reads would start the next build, for ever. Polling only
    ever saw these kinds."""
    from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileCreatedEvent,
                                 FileDeletedEvent, FileModifiedEvent, FileMovedEvent)
    from watchdog.observers import Observer

    changes = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
               DirCreatedEvent, DirDeletedEvent, DirMovedEvent]

    class ChangesObserver(Observer):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **options):
            return super().schedule(event_handler, path, recursive=recursive,
                                    event_filter=event_filter or changes, **options)

    return ChangesObserver()


def _can_watch(paths: list[str]) -> bool:
    """Whether the observer serve would get can watch these paths: watchdog sets a watch up
    when its observer runs, so try it on a throwaway one."""
    from watchdog.events import FileSystemEventHandler

    probe = changes_observer()
    try:
        probe.start()
        for path in paths:
            probe.schedule(FileSystemEventHandler(), path, recursive=True)
        return True
    except OSError as e:
        log.info("The file system cannot report changes (%s); watching by polling instead.", e)
        return False
    finally:
        probe.stop()
        probe.join()
