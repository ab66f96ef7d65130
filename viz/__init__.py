"""Interactive network views of the built graph (pyvis pages that open offline)."""

# The views there are, by name: here so that the CLI can offer them without importing networkx.
VIEWS = ("overview", "goals", "serves", "place", "entity", "chapter")
