"""The HTML of a view page and of the index, as Jinja templates kept in Python so that they ship
inside the package like the code (a wheel carries .py files of `plankg.viz` without package-data).

The page replaces pyvis's own template, which links Bootstrap from a CDN on every page (even with
cdn_resources="in_line"), renders the heading unescaped and switches to an innerHTML tooltip when
a title contains "href". Here vis-network's script and CSS are included from pyvis's package
files, autoescaping is on, and everything the data says reaches the DOM as text: through Jinja's
escaping, `tojson` (which escapes <, > and &) and `textContent`; vis.js shows a string tooltip
with innerText.
"""

from __future__ import annotations

PAGE_NAME = "plankg-page.html"
INDEX_NAME = "plankg-index.html"

_STYLE = """
html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", sans-serif; color: #222; }
body { display: flex; flex-direction: column; }
header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 14px; margin: 12px 0 6px; }
p { margin: 2px 0; font-size: 13px; }
.note { color: #8a4b00; }
main { flex: 1; display: flex; min-height: 0; }
#mynetwork { flex: 1; min-width: 0; position: relative; }
aside { width: 320px; overflow: auto; border-left: 1px solid #ddd; padding: 0 12px 12px; font-size: 13px; }
ul.legend { list-style: none; padding: 0; margin: 0; }
ul.legend li { margin: 3px 0; }
ul.legend svg { vertical-align: middle; margin-right: 4px; }
ul.legend small { color: #666; display: block; margin-left: 24px; }
form.find { margin-top: 6px; font-size: 13px; }
form.find input { width: 320px; }
#find-status { color: #b2182b; margin-left: 8px; }
#status { color: #666; }
dl { margin: 0; } dt { font-weight: bold; margin-top: 4px; } dd { margin: 0 0 0 8px; word-break: break-all; }
div.vis-tooltip { white-space: pre-wrap; max-width: 420px; font-family: inherit; }
"""

PAGE = (
    """<!DOCTYPE html>
<html lang="{{ page.lang }}">
<head>
<meta charset="utf-8">
<title>{{ heading }}</title>
<style>{% include 'lib/vis-9.1.2/vis-network.css' %}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>"""
    + _STYLE
    + """</style>
</head>
<body>
<header>
  <h1 id="title">{{ heading }}</h1>
  <p id="plan">{{ page.plan }}</p>
  <p id="counts">{{ page.counts }} <span id="status"></span></p>
  {% if page.note %}<p class="note" id="left-out">{{ page.note }}</p>{% endif %}
  {% if page.folds %}<p id="folds-note">{{ page.fold_note }}</p>{% endif %}
  <form class="find" id="find-form">
    <label for="find">{{ page.words.find }}</label>
    <input id="find" list="find-names" autocomplete="off" placeholder="{{ page.words.placeholder }}">
    <datalist id="find-names"></datalist>
    <button type="submit">{{ page.words.go }}</button>
    <span id="find-status"></span>
  </form>
</header>
<main>
  <div id="mynetwork"></div>
  <aside>
    <h2>{{ page.words.legend }}</h2>
    <ul class="legend" id="legend">
    {% set points = {"diamond": "8,1 15,8 8,15 1,8", "triangle": "8,1 15,14 1,14",
                     "triangleDown": "1,2 15,2 8,15", "hexagon": "4,1 12,1 15,8 12,15 4,15 1,8",
                     "star": "8,0 10,6 16,6 11,10 13,16 8,12 3,16 5,10 0,6 6,6"} %}
    {% for entry in page.legend %}
      <li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
        {%- if entry.style.shape == "dot" %}<circle cx="8" cy="8" r="6"
        {%- elif entry.style.shape == "square" %}<rect x="2" y="2" width="12" height="12"
        {%- else %}<polygon points="{{ points[entry.style.shape] }}"{% endif %}
        fill="{{ entry.style.colour }}" stroke="#444" stroke-width="0.8"/></svg>{{ entry.name }} ({{ entry.count }})
        {%- if entry.members %}<small>{{ entry.members }}</small>{% endif %}</li>
    {% endfor %}
      <li><svg width="16" height="16" aria-hidden="true"><line x1="0" y1="8" x2="16" y2="8"
        stroke="{{ page.link_stated }}" stroke-width="2"/></svg>{{ page.words.stated }}</li>
      <li><svg width="16" height="16" aria-hidden="true"><line x1="0" y1="8" x2="16" y2="8"
        stroke="{{ page.link_curated }}" stroke-width="2" stroke-dasharray="3,2"/></svg>{{ page.words.curated }}</li>
    </ul>
    <p>{{ page.words.size }}</p>
    <h2>{{ page.words.selected }}</h2>
    <dl id="details"></dl>
  </aside>
</main>
<script>
  var nodes = new vis.DataSet({{ nodes|tojson }});
  var edges = new vis.DataSet({{ edges|tojson }});
  var options = {{ options|safe }};
  var words = {{ page.js_words|tojson }};
  var focusNode = {{ page.focus|tojson }};
  var network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, options);
{% if page.folds %}
  {{ page.fold_script|safe }}
  var folded = {{ page.folds|tojson }};
  var folds = plankgFolds(network, nodes, edges, folded);
{% endif %}
  var statusLine = document.getElementById("status");
  window.plankgReady = false;

  function ready() {
    window.plankgReady = true;
    statusLine.textContent = "";
    if (focusNode !== null) { network.selectNodes([focusNode]); show(focusNode); }  /* marked, the whole view kept */
  }
{% if physics_enabled %}
  network.on("stabilizationProgress", function (progress) {
    statusLine.textContent = words.arranging + " " + Math.round(100 * progress.iterations / progress.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});  /* bounded: stabilise, then freeze */
    ready();
  });
{% else %}
  network.once("afterDrawing", ready);
{% endif %}

  function show(id) {
    var node = nodes.get(id), details = document.getElementById("details");
    details.replaceChildren();
    if (!node) { return; }
    [[words.zh, node.label_zh], [words.en, node.label_en], [words.cls, node.cls_name + " (" + node.cls + ")"],
     [words.quote, node.quote], [words.paragraph, node.paragraph], [words.id, node.plankg_id]].forEach(function (row) {
      if (!row[1]) { return; }
      var term = document.createElement("dt"), value = document.createElement("dd");
      term.textContent = row[0];
      value.textContent = row[1];
      details.append(term, value);
    });
  }

  function select(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: 1.1, animation: {duration: 400}});
    show(id);
  }

  network.on("selectNode", function (params) { show(params.nodes[0]); });

  var byName = {}, searched = nodes.get();
{% if page.folds %}
  searched = searched.concat(Object.values(folded.nodes));  /* a folded node is found too: its fold opens */
{% endif %}
  searched.forEach(function (node) {
    [node.label_zh, node.label_en, node.plankg_id].forEach(function (name) {
      if (name && !(name in byName)) { byName[name] = node.id; }
    });
  });
  var names = document.getElementById("find-names");
  Object.keys(byName).sort().forEach(function (name) {
    var option = document.createElement("option");
    option.value = name;
    names.appendChild(option);
  });

  function find(text) {
    var wanted = text.trim().toLowerCase(), id = byName[text.trim()];
    if (!wanted) { return; }
    if (id === undefined) {
      var hits = searched.filter(function (node) {
        return [node.label_zh, node.label_en, node.plankg_id].some(function (name) {
          return name && name.toLowerCase().indexOf(wanted) >= 0;
        });
      });
      if (hits.length) { id = hits[0].id; }
    }
    document.getElementById("find-status").textContent = id === undefined ? words.notFound : "";
    if (id === undefined) { return; }
{% if page.folds %}
    if (nodes.get(id) === null) { folds.reveal(id).then(function () { select(id); }); return; }
{% endif %}
    select(id);
  }
  document.getElementById("find-form").addEventListener("submit", function (event) {
    event.preventDefault();
    find(document.getElementById("find").value);
  });
</script>
</body>
</html>
"""
)

INDEX = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<title>{{ heading }}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  margin: 24px; color: #222; max-width: 960px; }
h1 { font-size: 22px; } h2 { font-size: 16px; margin-top: 20px; } li { margin: 4px 0; }
small { color: #666; }
</style>
</head>
<body>
<h1>{{ heading }}</h1>
<p>{{ plan }}</p>
{% for group in groups %}
<h2>{{ group.name }}</h2>
<ul>
{% for entry in group.entries %}
  <li><a href="{{ entry.file }}">{{ entry.title }}</a> <small>{{ entry.counts }}</small></li>
{% endfor %}
</ul>
{% endfor %}
</body>
</html>
"""
