"""Search that works from file://: `search.html`, its script, and the index the build's search
texts become, so a reader finds a node by the words `plankg search` finds it by.

Chromium refuses fetch() of a file from a file:// page, so the index is a script that assigns a
global (`assets/search-index.js`). It holds the texts as the plan writes them; the script brings
them and the query to one normal form by a port of graph/search.py `normalized` (the ignored marks
read from the index, not written twice), and the browser test holds the port to the Python on
every text of the index, so the two cannot drift. Writing the normal forms too would make the
index half as large again. Ranking is `plankg search`'s: exact name, label, alias, quote,
comment, then the shorter text.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import Any

from plankg.graph.search import FIELDS, IGNORED_MARKS, label_in, open_index
from plankg.viz.site import urls
from plankg.viz.site.pages import Asset, Site, SitePage
from plankg.viz.site.vis import script_json

INDEX = "search-index.js"
SCRIPT = "search.js"

# The page's script: it reads `window.plankgSearchIndex` and writes every result through
# textContent, so no text of the plan is ever parsed as HTML.
JS = r"""
(function () {
  "use strict";
  const index = window.plankgSearchIndex;
  const marks = new Set(Array.from(index.marks));
  const ranks = {"exact name": 0, "label": 1, "alias": 2, "quote": 3, "comment": 4};

  // graph/search.py `normalized`: NFKC, no accents, case folded, no spaces, quote marks or 、·・.
  function normalized(text) {
    const bare = text.normalize("NFKD").replace(/\p{Mn}/gu, "");
    // Python's casefold() is lower() but for ß and the final sigma, which it folds further.
    const folded = bare.normalize("NFKC").toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ");
    return Array.from(folded).filter(function (c) { return !/\s/u.test(c) && !marks.has(c); }).join("");
  }

  const texts = index.texts.map(function (row) {
    const norm = normalized(row[2]);
    return {node: row[0], field: index.fields[row[1]], text: row[2], norm: norm,
            size: Array.from(norm).length, paragraph: row[3] || ""};
  });
  const quotesOf = new Map();  // each node's quotes, in the order of the text
  texts.forEach(function (t) {
    if (t.field === "quote") { quotesOf.set(t.node, (quotesOf.get(t.node) || []).concat([t])); }
  });

  // graph/search.py `in_scope`: a paragraph in a part (c07, c07-s03) is that part or below it.
  function inScope(paragraph, scope) {
    return !scope || (paragraph !== "" && (paragraph === scope || paragraph.startsWith(scope + "-")));
  }

  function isA(cls, wanted) {
    return !wanted || cls === wanted || (index.above[cls] || []).indexOf(wanted) >= 0;
  }

  function compare(a, b) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] < b[i]) { return -1; }
      if (a[i] > b[i]) { return 1; }
    }
    return 0;
  }

  // graph/search.py `search`: every word in one text of a node; a node ranks by its best text;
  // `cls` keeps the nodes of a class or below it, `scope` those the plan quotes in a part.
  function search(query, cls, scope) {
    const words = query.split(/\s+/).map(normalized).filter(function (w) { return w; });
    if (!words.length) { return []; }
    const whole = words.join("");
    const best = new Map();
    texts.forEach(function (t) {
      if (!isA(index.nodes[t.node][2], cls) || !words.every(function (w) { return t.norm.includes(w); })) { return; }
      if (t.field === "quote" && !inScope(t.paragraph, scope)) { return; }
      const match = (t.field === "label" || t.field === "alias") && t.norm === whole ? "exact name" : t.field;
      const key = [ranks[match], t.size, t.text];
      const seen = best.get(t.node);
      if (!seen || compare(key, seen.key) < 0) {
        best.set(t.node, {key: key, match: match, quote: t.field === "quote" ? t : null});
      }
    });
    const hits = [];
    best.forEach(function (found, number) {
      const cited = (quotesOf.get(number) || []).find(function (q) { return inScope(q.paragraph, scope); });
      const quote = found.quote || cited || null;
      if (!quote && scope) { return; }  // found by a name, but not quoted in the part asked for
      const node = index.nodes[number];
      hits.push({order: found.key.concat([number]), match: found.match, path: node[0], id: node[1], cls: node[2],
                 label: node[3], quote: quote ? quote.text : "", paragraph: quote ? quote.paragraph : ""});
    });
    hits.sort(function (a, b) { return compare(a.order, b.order); });
    return hits;
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text) { made.textContent = text; }
    return made;
  }

  function show(form, list, status) {
    list.replaceChildren();
    if (!form.q.value.trim()) { status.textContent = index.words.empty; return; }
    const hits = search(form.q.value, form.class.value, form.chapter.value);
    status.textContent = index.words.found.replace("{n}", String(hits.length)) +
      (hits.length > index.shown ? index.words.first.replace("{n}", String(index.shown)) : "");
    hits.slice(0, index.shown).forEach(function (hit) {
      const item = element("li", "hit");
      item.dataset.id = hit.id;
      item.appendChild(element("span", "cls", index.classes[hit.cls] || hit.cls));
      const link = element("a", "", hit.label || hit.id);
      link.href = hit.path;
      item.appendChild(link);
      item.appendChild(element("code", "", hit.id));
      item.appendChild(element("span", "match muted", index.words.matches[hit.match]));
      if (hit.quote) {
        const quote = element("p", "");
        quote.appendChild(element("span", "quote", hit.quote));
        if (hit.paragraph) { quote.appendChild(element("span", "muted", " " + hit.paragraph)); }
        item.appendChild(quote);
      }
      list.appendChild(item);
    });
  }

  window.plankgNormalized = normalized;
  window.plankgFind = search;
  document.addEventListener("DOMContentLoaded", function () {
    const form = {q: document.getElementById("query"), class: document.getElementById("class"),
                  chapter: document.getElementById("chapter")};
    const list = document.getElementById("hits");
    const status = document.getElementById("status");
    const asked = new URLSearchParams(window.location.search);
    Object.keys(form).forEach(function (name) {
      form[name].value = asked.get(name) || "";
      form[name].addEventListener(name === "q" ? "input" : "change", function () {
        const url = new URL(window.location.href);  // the address keeps the search, to share or go back to
        Object.keys(form).forEach(function (key) {
          if (form[key].value) { url.searchParams.set(key, form[key].value); } else { url.searchParams.delete(key); }
        });
        window.history.replaceState(null, "", url);
        show(form, list, status);
      });
    });
    show(form, list, status);
    window.plankgSearchReady = true;
  });
})();
"""

STYLE = "search.css"
CSS = """
ol.hits li { margin-bottom: 8px; } ol.hits p { margin: 2px 0; }
ol.hits .cls { font-size: 12px; color: #444; background: #eee; border-radius: 3px; padding: 0 4px; margin-right: 6px; }
ol.hits code { margin: 0 8px; color: #555; font-size: 12px; } ol.hits .match { font-size: 12px; }
"""
ASSETS = (Asset(SCRIPT, JS.encode()), Asset(STYLE, CSS.encode()))
SHOWN = 100  # results drawn at once; the count says how many matched

_MATCHES = {
    "exact name": ("名称完全一致", "exact name"),
    "label": ("名称", "name"),
    "alias": ("别名", "alias"),
    "quote": ("引文", "quote"),
    "comment": ("说明", "comment"),
}


def index_data(site: Site) -> dict[str, Any]:
    """The search texts of the build's index, with each node's page, id, class and label.

    Nodes come in IRI order, as `plankg search` breaks ties; texts in each node's order of fields
    and of quotes in the plan, so that a node's first quote is the first the script meets."""
    index = open_index(site.view)
    try:
        nodes = index.execute("SELECT node, id, class, label_zh, label_en FROM nodes ORDER BY node").fetchall()
        rows = index.execute(
            "SELECT node, field, text, paragraph FROM texts ORDER BY node, field, start, text"
        ).fetchall()
    finally:
        index.close()
    number = {node: position for position, (node, *_) in enumerate(nodes)}
    fields = {field: position for position, field in enumerate(FIELDS)}
    vocabulary = site.names.vocabulary
    classes = vocabulary.with_superclasses(cls for _, _, cls, _, _ in nodes)
    return {
        "marks": "".join(sorted(IGNORED_MARKS)),
        "fields": list(FIELDS),
        "classes": {cls: site.names.class_name(cls, site.lang) for cls in sorted(classes)},
        "above": {cls: vocabulary.above(cls) for cls in sorted(classes) if vocabulary.above(cls)},
        "nodes": [[urls.node_path(node), id_, cls, label_in(site.lang, zh, en)] for node, id_, cls, zh, en in nodes],
        "texts": [
            [number[node], fields[field], text, *([paragraph] if paragraph else [])]
            for node, field, text, paragraph in rows
        ],
        "shown": SHOWN,
        "words": {
            "empty": site.words("输入名称、别名或原文中的词语。", "Type a name, an alias or words of the plan."),
            "found": site.words("找到 {n} 个节点", "{n} nodes found"),
            "first": site.words(",显示前 {n} 个", "; the first {n} are shown"),
            "matches": {match: site.words(zh, en) for match, (zh, en) in _MATCHES.items()},
        },
    }


def index_script(data: dict[str, Any]) -> bytes:
    return f"window.plankgSearchIndex = {script_json(data)};\n".encode()


def _choice(element_id: str, label: str, everything: str, options: list[tuple[str, str]]) -> str:
    listed = "".join(f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in options)
    return (
        f'<select id="{element_id}" aria-label="{escape(label)}">'
        f'<option value="">{escape(everything)}</option>{listed}</select>'
    )


def pages(site: Site) -> Iterator[SitePage | Asset]:
    """The search page, with a choice of class and chapter as `plankg search --class/--chapter`
    offers, and the index it reads (an asset made from the graph)."""
    data = index_data(site)
    yield Asset(INDEX, index_script(data))
    label = escape(site.words("搜索", "Search"))
    classes = sorted(data["classes"].items(), key=lambda option: option[1])
    chapters = sorted((chapter.id, chapter.heading.get(site.lang)) for chapter in site.names.chapters.values())
    box = f'<input id="query" type="search" autofocus size="40" aria-label="{label}">'
    by_class = _choice("class", site.words("类别", "Class"), site.words("所有类别", "All classes"), classes)
    by_chapter = _choice("chapter", site.words("章", "Chapter"), site.words("所有章节", "All chapters"), chapters)
    body = (
        f"<h1>{label}</h1><p>{box} {by_class} {by_chapter}</p>"
        '<p id="status" class="muted" role="status"></p><ol id="hits" class="hits"></ol>'
    )
    yield SitePage(urls.SEARCH, site.words("搜索", "Search"), body, scripts=(INDEX, SCRIPT), styles=(STYLE,))
