// Offline search over search-index.json: results appear under the header box
// as you type; on the search page the A-Z list is filtered by ?q=. Without
// JavaScript the box submits to search/, which lists every guide.
//
// Links between pages are relative, so the site also works opened from disk.
// There a link to a folder (guides/x/) would show a file listing, so on
// file: pages relative links that end in "/" get "index.html" added. Browsers
// do not let a page opened from disk read the search index, so there the box
// says that search needs a web server.
(function () {
  "use strict";
  var fromDisk = location.protocol === "file:";
  // Neither a scheme (https:, mailto:) nor a root-absolute path, a query
  // or a fragment alone: a link relative to the page.
  function relative(href) {
    return href !== null && !/^([a-z][a-z0-9+.-]*:|[\/?#])/i.test(href);
  }
  // "../guides/x/#pay" -> "../guides/x/index.html#pay"
  function folderFile(href) {
    var m = /^([^?#]*)(.*)$/.exec(href);
    return /\/$/.test(m[1]) ? m[1] + "index.html" + m[2] : href;
  }
  function onDisk(href) {
    return fromDisk ? folderFile(href) : href;
  }
  var form = document.querySelector("form.search");
  if (fromDisk) {
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
      var href = a.getAttribute("href");
      if (relative(href)) a.setAttribute("href", folderFile(href));
    });
    if (form && relative(form.getAttribute("action"))) {
      form.setAttribute("action", folderFile(form.getAttribute("action")));
    }
  }
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var out = document.getElementById("search-results");
  var data = null, loading = null;
  var index = new URL(form.getAttribute("data-index"), location.href);
  // Guide links in the index are relative to the site root, the folder the
  // index is in, wherever the searching page is.
  var root = new URL(".", index);
  var UNAVAILABLE = fromDisk
    ? "Search needs a web server: browsers do not let a page opened from disk read the search index. Run \u201ccareerbook serve\u201d and open the address it prints."
    : "Search is unavailable: the search index could not be loaded.";

  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // Resolves to the guides, or to null when the index cannot be read.
  function load() {
    if (!loading) {
      loading = fetch(index.href)
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        })
        .then(function (ix) {
          data = ix.docs.map(function (d) {
            var skills = d[4].map(function (i) { return ix.skills[i]; });
            var emp = d[5].map(function (i) { return ix.employers[i]; });
            var tags = d[6].map(function (i) { return ix.tags[i]; });
            return {
              url: onDisk(new URL(ix.base + d[0] + "/", root).href), title: d[1], summary: d[3],
              f: [fold(d[1]), fold(d[2]), fold(tags.join("; ")), fold(emp.join("; ")), fold(skills.join("; ")), fold(d[3])]
            };
          });
          return data;
        })
        .catch(function () { return null; });
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
      out.textContent = "";
      out.hidden = false;
      if (!data) {
        out.appendChild(el("p", "muted", UNAVAILABLE));
        return;
      }
      var hits = search(q);
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

  // The search page: filter its A-Z list by ?q=. Cards and index entries
  // are matched by the absolute URL their links resolve to.
  var list = document.getElementById("search-page-list");
  if (list) {
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    if (q.trim()) {
      load().then(function () {
        var status = document.getElementById("search-page-status");
        if (!data) {
          status.textContent = UNAVAILABLE + " Every guide is listed below.";
          return;
        }
        var hits = search(q), rank = {};
        hits.forEach(function (d, i) { rank[d.url] = i; });
        var items = Array.prototype.slice.call(list.children);
        function url(li) {
          var a = li.querySelector("a");
          return a ? a.href : "";
        }
        items.forEach(function (li) {
          li.hidden = !(url(li) in rank);
        });
        items.sort(function (a, b) {
          return (rank[url(a)] || 0) - (rank[url(b)] || 0);
        }).forEach(function (li) { list.appendChild(li); });
        status.textContent =
          hits.length + " guide" + (hits.length === 1 ? "" : "s") + " match \u201c" + q + "\u201d.";
      });
    }
  }
})();
