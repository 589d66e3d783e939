"""What a worker needs loaded before its first request, imported once by the fork
server the workers start from (see :mod:`textreuse.service.workers`): the modules a
request runs, and the language identifier's model, which would otherwise load on a
worker's first compare (about a second on a busy machine) and push a fresh worker,
started after one was killed, past the time limit."""

from __future__ import annotations

# Imported for what importing loads, not for a name.
import textreuse.archive
import textreuse.comparison
import textreuse.render  # noqa: F401
from textreuse.text.languages import load_identifier

load_identifier()
