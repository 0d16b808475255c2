// Offline search over search-index.json: results appear under the header box
// as you type; on /search/ the A-Z list is filtered by ?q=. Without
// JavaScript the box submits to /search/, which lists every guide.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var out = document.getElementById("search-results");
  var data = null, loading = null;

  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"))
        .then(function (r) { return r.json(); })
        .then(function (ix) {
          data = ix.docs.map(function (d) {
            var skills = d[4].map(function (i) { return ix.skills[i]; });
            var emp = d[5].map(function (i) { return ix.employers[i]; });
            var tags = d[6].map(function (i) { return ix.tags[i]; });
            return {
              url: ix.base + d[0] + "/", title: d[1], summary: d[3],
              f: [fold(d[1]), fold(d[2]), fold(tags.join("; ")), fold(emp.join("; ")), fold(skills.join("; ")), fold(d[3])]
            };
          });
          return data;
        });
    }
    return loading;
  }
  var WEIGHTS = [12, 8, 5, 5, 3, 1];
  function search(q) {
    var terms = fold(q).split(/\s+/).filter(Boolean);
    if (!terms.length) return [];
    var hits = [];
    data.forEach(function (d) {
      var score = 0;
      for (var t = 0; t < terms.length; t++) {
        var best = 0;
        for (var i = 0; i < d.f.length; i++) {
          var at = d.f[i].indexOf(terms[t]);
          if (at >= 0) {
            var w = WEIGHTS[i] * (at === 0 || /[^a-z0-9]/.test(d.f[i].charAt(at - 1)) ? 2 : 1);
            if (w > best) best = w;
          }
        }
        if (!best) return;
        score += best;
      }
      hits.push([score, d]);
    });
    hits.sort(function (a, b) { return b[0] - a[0] || (a[1].title < b[1].title ? -1 : 1); });
    return hits.map(function (h) { return h[1]; });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function show() {
    var q = input.value.trim();
    if (!q) { out.hidden = true; out.textContent = ""; return; }
    load().then(function () {
      var hits = search(q);
      out.textContent = "";
      out.appendChild(el("p", "muted", hits.length ? hits.length + " matching guide" + (hits.length === 1 ? "" : "s") : "No guide matches \u201c" + q + "\u201d"));
      if (hits.length) {
        var ul = el("ul");
        hits.slice(0, 8).forEach(function (d) {
          var li = el("li"), a = el("a", null, d.title);
          a.href = d.url;
          li.appendChild(a);
          li.appendChild(el("span", "muted", d.summary));
          ul.appendChild(li);
        });
        out.appendChild(ul);
      }
      out.hidden = false;
    });
  }
  input.addEventListener("input", show);
  input.addEventListener("focus", load);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { out.hidden = true; }
    if (e.key === "ArrowDown" && !out.hidden) {
      var first = out.querySelector("a");
      if (first) { e.preventDefault(); first.focus(); }
    }
  });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) out.hidden = true;
  });

  // The /search/ page: filter its A-Z list by ?q=.
  var list = document.getElementById("search-page-list");
  if (list) {
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    if (q.trim()) {
      load().then(function () {
        var hits = search(q), rank = {};
        hits.forEach(function (d, i) { rank[d.url] = i; });
        var items = Array.prototype.slice.call(list.children);
        items.forEach(function (li) {
          var a = li.querySelector("a");
          li.hidden = !(a && a.getAttribute("href") in rank);
        });
        items.sort(function (a, b) {
          return (rank[a.querySelector("a").getAttribute("href")] || 0) - (rank[b.querySelector("a").getAttribute("href")] || 0);
        }).forEach(function (li) { list.appendChild(li); });
        document.getElementById("search-page-status").textContent =
          hits.length + " guide" + (hits.length === 1 ? "" : "s") + " match \u201c" + q + "\u201d.";
      });
    }
  }
})();
