"""`plankg site`: the plan as a static site that opens from file:// with no network.

The site is made of pages (`SitePage`) produced by the sections registered in `sections.py`:
the annotated plan text, a page per node, indexes, pictures and the overview. Every page is
wrapped in one shell (`shell.py`) that links the shared styles and scripts of `assets/` once,
and every URL comes from `urls.py`, so a node's page is where its IRI says it is.
"""
