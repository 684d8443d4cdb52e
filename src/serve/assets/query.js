// The query page: fills the editor from the catalogue, posts the query to /sparql and shows
// the answer as a table. Plain browser JavaScript, no library, served by kzlg itself.
(function () {
  "use strict";
  const catalogue = JSON.parse(document.getElementById("catalogue").textContent);
  const form = document.getElementById("editor");
  const editor = document.getElementById("sparql");
  const examples = document.getElementById("examples");
  const question = document.getElementById("question");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const KZLG = "https://w3id.org/kzlg/";
  // The words the page writes, in the page's language, from the server (data-* of the form).
  const words = form.dataset;

  function choose() {
    const entry = catalogue.find(function (e) { return e.name === examples.value; });
    question.textContent = entry ? entry.question : "";
    if (entry) { editor.value = entry.text; }
  }
  examples.addEventListener("change", choose);
  if (examples.value) { const entry = catalogue.find(function (e) { return e.name === examples.value; }); if (entry) question.textContent = entry.question; }

  // kzid:post/akim-city reads post:akim-city, and ontology terms kzlg:Term, as kzlg query prints them.
  function prefixed(iri) {
    if (iri.startsWith(KZLG + "id/")) { const rest = iri.slice(KZLG.length + 3); const at = rest.indexOf("/"); const kind = rest.slice(0, at); return at > 0 ? (kind === "org" ? "kzorg" : kind) + ":" + rest.slice(at + 1) : rest; }
    if (iri.startsWith(KZLG + "ontology#")) { return "kzlg:" + iri.slice(KZLG.length + 9); }
    return iri;
  }

  // An IRI of the graph links to its page on this server; others link where they point.
  function cell(term) {
    const td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = term.value.startsWith(KZLG) ? "/" + term.value.slice(KZLG.length).replace("ontology#", "ontology/") : term.value;
      a.textContent = prefixed(term.value);
      td.appendChild(a);
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) { const s = document.createElement("small"); s.textContent = " @" + term["xml:lang"]; td.appendChild(s); }
    }
    return td;
  }

  function show(answer, cut) {
    results.replaceChildren();
    if (typeof answer.boolean === "boolean") {
      const p = document.createElement("p"); p.id = "boolean"; p.textContent = String(answer.boolean); results.appendChild(p);
      status.textContent = "ASK: " + answer.boolean; return;
    }
    const vars = answer.head.vars, rows = answer.results.bindings;
    const table = document.createElement("table"); table.id = "answer";
    const head = table.createTHead().insertRow();
    vars.forEach(function (v) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    const body = table.createTBody();
    rows.forEach(function (row) { const tr = body.insertRow(); vars.forEach(function (v) { tr.appendChild(cell(row[v])); }); });
    results.appendChild(table);
    status.textContent = (rows.length === 1 ? words.row : words.rows).replace("{n}", rows.length) + (cut ? " " + words.cut : "");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    status.className = ""; status.textContent = words.running;
    const started = performance.now();
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json, text/turtle;q=0.5" },
      body: new URLSearchParams({ query: editor.value })
    }).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) { throw new Error(text); }
        const type = response.headers.get("Content-Type") || "";
        if (type.indexOf("json") >= 0) { show(JSON.parse(text), response.headers.get("Kzlg-Truncated")); }
        else { results.replaceChildren(); const pre = document.createElement("pre"); pre.textContent = text; results.appendChild(pre); status.textContent = words.graph; }
        status.textContent += " · " + Math.round(performance.now() - started) + " " + words.ms;
      });
    }).catch(function (error) {
      status.className = "error"; status.textContent = words.error;
      results.replaceChildren(); const pre = document.createElement("pre"); pre.className = "error"; pre.id = "error"; pre.textContent = error.message; results.appendChild(pre);
    });
  });
})();
