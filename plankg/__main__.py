"""`python -m plankg`: the CLI, for environments whose scripts folder is not on PATH."""

from plankg.cli import app

app(prog_name="plankg")
