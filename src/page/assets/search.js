// kzlg static search: finds entities in search-index.json under any spelling or script.
// A query is folded as `kzlg resolve` folds names (src/resolve.rs `key`): lower case, each
// letter through the index's letter table (Cyrillic, Kazakh, accented Latin to ASCII), then the
// word rules dzh/zh -> j, kh -> k, ph -> f, q -> k, w -> v, y -> i, initial ie -> e, doubled
// letters to one. Query words meet name words whole (1), as their beginning (0.8), or, from four
// letters on, a name word may begin a longer query word (0.7: "jambilskaia" meets "jambil").
"use strict";
(function () {
  function foldWord(word) {
    let w = word.replace(/dzh/g, "j").replace(/zh/g, "j").replace(/kh/g, "k").replace(/ph/g, "f")
      .replace(/q/g, "k").replace(/w/g, "v").replace(/y/g, "i");
    if (w.startsWith("ie")) w = "e" + w.slice(2);
    let out = "";
    for (const c of w) {
      if (!out.endsWith(c) || (c >= "0" && c <= "9")) out += c;
    }
    return out;
  }

  function fold(text, letters) {
    let ascii = "";
    for (const c of text.toLowerCase()) {
      if (c.charCodeAt(0) < 128) ascii += c;
      else if (letters[c] !== undefined) ascii += letters[c];
      else ascii += c.normalize("NFD").replace(/[^\x00-\x7f]/g, "");
    }
    ascii = ascii.replace(/['`]/g, "");
    return ascii.split(/[^a-z0-9]+/).filter(Boolean).map(foldWord);
  }

  function wordScore(q, n) {
    if (q === n) return 1;
    if (n.startsWith(q)) return 0.8;
    if (n.length >= 4 && q.startsWith(n)) return 0.7;
    return 0;
  }

  // The best score of an entity: over its names, the mean over query words of the best
  // name word each meets; with how many query words met nothing.
  function score(words, entity) {
    let best = { score: 0, missed: words.length };
    for (const key of entity.keys) {
      const names = key.split(" ");
      if (key === words.join(" ")) return { score: 1.01, missed: 0 };
      let total = 0, missed = 0;
      for (const q of words) {
        let s = 0;
        for (const n of names) s = Math.max(s, wordScore(q, n));
        total += s;
        if (s === 0) missed += 1;
      }
      const mean = total / words.length;
      if (missed < best.missed || (missed === best.missed && mean > best.score)) best = { score: mean, missed };
    }
    return best;
  }

  function search(index, query) {
    const words = fold(query, index.letters);
    if (words.length === 0) return [];
    const found = [];
    for (const entity of index.entities) {
      const s = score(words, entity);
      if (s.score > 0) found.push({ entity, score: s.score, missed: s.missed });
    }
    const fewest = Math.min(...found.map((f) => f.missed));
    return found
      .filter((f) => f.missed === fewest)
      .sort((a, b) => b.score - a.score || a.entity.label.localeCompare(b.entity.label) || a.entity.id.localeCompare(b.entity.id));
  }

  function show(index) {
    const params = new URLSearchParams(window.location.search);
    const query = params.get("q") || "";
    const box = document.querySelector("input[name=q]");
    if (box) box.value = query;
    const list = document.getElementById("results");
    const status = document.getElementById("status");
    if (!list || !query) return;
    const results = search(index, query);
    const script = document.querySelector("script[data-none]");
    status.textContent = results.length ? results.length + " · " + query : (script ? script.dataset.none : "");
    for (const r of results.slice(0, 100)) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = r.entity.href;
      a.textContent = r.entity.label;
      li.appendChild(a);
      const about = [r.entity.class, r.entity.region].filter(Boolean).join(" · ");
      if (about) li.appendChild(document.createTextNode(" — " + about));
      list.appendChild(li);
    }
  }

  if (typeof module !== "undefined") {
    module.exports = { fold, search };
  } else if (window.kzlgIndex) {
    show(window.kzlgIndex);
  } else {
    fetch("search-index.json").then((r) => r.json()).then(show);
  }
})();
