"""Where the graph is shared by default: the address `plankg serve` listens on, how long a query
may run there, and how long `plankg push` waits for each answer. Apart from the HTTP code so that
the CLI can show them without importing it."""

from __future__ import annotations

DEFAULT_HOST = "127.0.0.1"  # loopback: the endpoint stays on this machine unless asked otherwise
DEFAULT_PORT = 7878  # Oxigraph's own default
DEFAULT_TIMEOUT = 120.0  # seconds per request: a PUT of a large graph takes a while
QUERY_TIMEOUT = 30  # seconds a query may run on `plankg serve` (the catalogue's slowest: 1.3 s at 100 plans)
