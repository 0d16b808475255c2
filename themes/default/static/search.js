// Search over the sharded index: results appear under the header box as you
// type; on the search page, ?q= lists every match. Without JavaScript the
// box submits to search/, which lists every guide.
//
// The page loads this file only when the reader first uses the search box
// (or opens the search page with ?q=); see the loader in base.html. It reads
// search-index.json (the form's data-index), then for each word of the query
// the one shard of the words that start with its first two letters, and the
// records (title, summary) of the results it shows. After one character,
// the box lists the guides whose title starts with it, from that
// character's shard alone. Guide links in the
// records are relative to the site root, the folder of search-index.json.
// Browsers do not let a page opened from disk read the index, so there the
// box says that search needs a web server.
(function () {
  "use strict";
  var VERSION = 4, MAX_WORD = 32, SHOWN = 8, PAGE = 20, MAX_TERMS = 8;
  // The index at indexUrl (a URL): search(q) resolves to {m, ids} (the
  // manifest and the matching guides' numbers, best first), or null when
  // the index cannot be read; records(m, ids) to their {url, title, summary}.
  function engine(indexUrl, fromDisk) {
    var root = new URL(".", indexUrl);
    // Field weights (title, alt titles, tags, employers, skills, summary,
    // first word of the title) and
    // how well a word matches a query word (whole, prefix, one edit away).
    var WEIGHTS = [12, 8, 5, 5, 3, 1, 13], WHOLE = 4, PREFIX = 3, TYPO = 2;

    // "../guides/x/#pay" -> "../guides/x/index.html#pay" on pages opened from disk.
    function onDisk(href) {
      if (!fromDisk) return href;
      var m = /^([^?#]*)(.*)$/.exec(href);
      return /\/$/.test(m[1]) ? m[1] + "index.html" + m[2] : href;
    }

    // Must fold and split as src/render/search.rs does.
    function fold(s) {
      return s.toLowerCase().replace(/[\u00c0-\u024f\u1e00-\u1eff]/g, function (c) {
        var d = c.normalize("NFD");
        return /^[a-z][\u0300-\u036f]+$/.test(d) ? d.charAt(0) : c;
      }).replace(/[\u0300-\u036f]/g, "");
    }
    function words(s) {
      var seen = {}, ws = [];
      fold(s).split(/[^\p{Alphabetic}\p{N}]+/u).forEach(function (w) {
        w = Array.from(w).slice(0, MAX_WORD).join("");
        if (w && !seen[w]) { seen[w] = 1; ws.push(w); }
      });
      return ws.slice(0, MAX_TERMS);
    }
    function keyOf(chars) {
      return chars.map(function (c) {
        return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
      }).join("");
    }
    function primary(w) { return keyOf(Array.from(w).slice(0, 2)); }

    // Postings: "~" and a bitmap, or gaps in base 32 (see search.rs).
    var VAL = new Int8Array(128);
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".split("").forEach(function (c, i) {
      VAL[c.charCodeAt(0)] = i;
    });
    function eachId(s, fn) {
      var k, v;
      if (s.charAt(0) === "~") {
        for (k = 1; k < s.length; k++) {
          v = VAL[s.charCodeAt(k)];
          for (var j = 0; j < 6; j++) if (v & (1 << j)) fn((k - 1) * 6 + j);
        }
        return;
      }
      var prev = -1, n = 0;
      for (k = 0; k < s.length; k++) {
        v = VAL[s.charCodeAt(k)];
        if (v >= 32) n = n * 32 + v - 32;
        else { prev += n * 32 + v + 1; fn(prev); n = 0; }
      }
    }

    // Whether a and b (arrays of characters) are at most one edit apart:
    // an insertion, a deletion, a substitution or two neighbours swapped.
    function oneEdit(a, b) {
      if (Math.abs(a.length - b.length) > 1) return false;
      var i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      if (i === a.length && i === b.length) return true;
      var rest = function (x, y) { return a.slice(x).join("") === b.slice(y).join(""); };
      if (a.length === b.length) {
        return rest(i + 1, i + 1) ||
          (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2));
      }
      return a.length > b.length ? rest(i + 1, i) : rest(i, i + 1);
    }

    var files = {};
    // A file of the index as JSON, fetched once; null when it cannot be read.
    function get(url) {
      if (!(url in files)) {
        files[url] = (typeof fetch === "function" ? fetch(url) : Promise.reject(new Error("no fetch")))
          .then(function (r) {
            if (!r.ok) throw new Error("HTTP " + r.status);
            return r.json();
          })
          .catch(function () { return null; });
      }
      return files[url];
    }
    function manifest() {
      return get(indexUrl.href).then(function (m) {
        if (!m || m.v !== VERSION) return null;
        if (!m.has) {
          m.has = {};
          m.shards.forEach(function (k) { m.has[k] = true; });
        }
        return m;
      });
    }
    function shard(m, key) {
      if (!m.has[key]) return Promise.resolve({ w: {} });
      return get(new URL(m.dir + "w/" + key + ".json", root).href).then(function (s) {
        return s || { w: {} };
      });
    }
    function record(m, id) {
      var url = new URL(m.dir + "r/" + Math.floor(id / m.chunk) + ".json", root).href;
      return get(url).then(function (r) {
        var d = r && r[id % m.chunk];
        return d && { url: onDisk(new URL(m.base + d[0] + "/", root).href), title: d[1], summary: d[2] };
      });
    }

    // The words of the index a query word stands for: [word, shard, quality].
    function matches(m, term) {
      var chars = Array.from(term);
      return shard(m, primary(term)).then(function (s) {
        var found = [];
        if (chars.length === 1) {
          if (s.w[term]) found.push([term, s, WHOLE]);
          return found;
        }
        Object.keys(s.w).forEach(function (w) {
          if (w.lastIndexOf(term, 0) === 0) found.push([w, s, w === term ? WHOLE : PREFIX]);
        });
        if (found.length || chars.length < 5) return found;
        // One edit away: words of this shard, or named here because one
        // edit in their first two letters leads here; else the shards of the
        // query word without its first or second letter.
        var near = {};
        function scan(n) {
          Object.keys(n.w).concat(n.n || []).forEach(function (w) {
            if (oneEdit(chars, Array.from(w))) near[w] = true;
          });
        }
        scan(s);
        var more = Object.keys(near).length ? [] : [keyOf(chars.slice(1, 3)), keyOf([chars[0], chars[2]])];
        return Promise.all(more.map(function (k) { return shard(m, k); })).then(function (ss) {
          ss.forEach(scan);
          return Promise.all(Object.keys(near).sort().map(function (w) {
            return shard(m, primary(w)).then(function (p) { return p.w[w] ? [w, p, TYPO] : null; });
          })).then(function (l) { return l.filter(Boolean); });
        });
      });
    }

    // Resolves to the numbers of the matching guides, best first, or null
    // when the index cannot be read. Every word of the query must match.
    function search(q) {
      var terms = words(q);
      // A last word of one letter is still being typed: not yet a word.
      if (terms.length > 1 && Array.from(terms[terms.length - 1]).length === 1) terms.pop();
      return manifest().then(function (m) {
        if (!m) return null;
        if (!terms.length) return { m: m, ids: [] };
        return Promise.all(terms.map(function (t) { return matches(m, t); })).then(function (all) {
          var total = null;
          all.forEach(function (found) {
            var best = new Uint8Array(m.n);
            found.forEach(function (f) {
              var fields = f[1].w[f[0]];
              fields.forEach(function (enc, i) {
                var score = WEIGHTS[i] * f[2];
                if (enc) eachId(enc, function (id) { if (score > best[id]) best[id] = score; });
              });
            });
            if (!total) { total = new Uint16Array(best); return; }
            for (var i = 0; i < m.n; i++) total[i] = total[i] && best[i] ? total[i] + best[i] : 0;
          });
          var ids = [];
          for (var i = 0; i < m.n; i++) if (total[i]) ids.push(i);
          ids.sort(function (a, b) { return total[b] - total[a] || a - b; });
          return { m: m, ids: ids };
        });
      });
    }
    function records(m, ids) {
      return Promise.all(ids.map(function (id) { return record(m, id); }))
        .then(function (l) { return l.filter(Boolean); });
    }

    // After the first key: resolves to {n, list} (how many guides' titles
    // start with character c, and the first of them as records), from the
    // one shard of c; null when the index cannot be read.
    function initial(c) {
      return manifest().then(function (m) {
        if (!m) return null;
        return shard(m, primary(c)).then(function (s) {
          var f = s.f || { n: 0, r: [] };
          return {
            n: f.n,
            list: f.r.map(function (d) {
              return { url: onDisk(new URL(m.base + d[0] + "/", root).href), title: d[1], summary: d[2] };
            })
          };
        });
      });
    }

    return { search: search, records: records, words: words, manifest: manifest, initial: initial };
  }
  if (typeof document === "undefined") {
    // Under node, for the tests: the engine alone.
    module.exports = engine;
    return;
  }
  var form = document.querySelector("form.search");
  if (!form || form.hasAttribute("data-search-ready")) return;
  form.setAttribute("data-search-ready", "");
  var fromDisk = location.protocol === "file:";
  var input = form.querySelector("input[name=q]");
  var out = document.getElementById("search-results");
  var ix = engine(new URL(form.getAttribute("data-index"), location.href), fromDisk);
  var search = ix.search, records = ix.records, words = ix.words, manifest = ix.manifest, initial = ix.initial;
  // The words are the theme's `search.script` texts in the site's
  // language: in the index's manifest, and the one shown when the index
  // cannot be loaded on the form. Plural forms are chosen by the browser's
  // CLDR rules for the page's language.
  var lang = document.documentElement.lang || "en", messages = {};
  function msg(key, n, q) {
    var v = messages[key] || key;
    if (typeof v === "object") {
      var c = "other";
      try { c = new Intl.PluralRules(lang).select(n); } catch (e) { c = "other"; }
      v = v[c] || v.other || key;
    }
    return v.replace("{count}", n == null ? "" : n.toLocaleString(lang)).replace("{query}", q || "");
  }
  var UNAVAILABLE = form.getAttribute(fromDisk ? "data-unavailable-disk" : "data-unavailable") || "";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function item(d) {
    var li = el("li"), a = el("a", null, d.title);
    a.href = d.url;
    li.appendChild(a);
    li.appendChild(el("span", "muted", d.summary));
    return li;
  }

  var latest = 0;
  function hide() {
    out.hidden = true;
    out.textContent = "";
  }
  // One character typed: the guides whose title starts with it.
  function showInitial(c, seq) {
    initial(c).then(function (r) {
      if (seq !== latest) return;
      if (r && !r.n) { hide(); return; }
      out.textContent = "";
      out.hidden = false;
      if (!r) {
        out.appendChild(el("p", "muted", UNAVAILABLE));
        return;
      }
      out.appendChild(el("p", "muted", r.n + " guide" + (r.n === 1 ? "" : "s") + " starting with \u201c" + c.toUpperCase() + "\u201d"));
      var ul = el("ul");
      r.list.forEach(function (d) { ul.appendChild(item(d)); });
      out.appendChild(ul);
    });
  }
  function show() {
    var q = input.value.trim(), seq = ++latest, ws = words(q);
    if (ws.length === 1 && Array.from(ws[0]).length === 1) {
      showInitial(ws[0], seq);
      return;
    }
    if (!ws.some(function (w) { return Array.from(w).length > 1; })) {
      hide();
      return;
    }
    search(q).then(function (r) {
      if (!r) return [r, []];
      messages = r.m.messages || messages;
      return records(r.m, r.ids.slice(0, SHOWN)).then(function (l) { return [r, l]; });
    }).then(function (x) {
      if (seq !== latest) return;
      var r = x[0], l = x[1];
      out.textContent = "";
      out.hidden = false;
      if (!r) {
        out.appendChild(el("p", "muted", UNAVAILABLE));
        return;
      }
      var n = r.ids.length;
      out.appendChild(el("p", "muted", n ? msg("matching", n) : msg("none", null, q)));
      if (l.length) {
        var ul = el("ul");
        l.forEach(function (d) { ul.appendChild(item(d)); });
        out.appendChild(ul);
      }
    });
  }
  function close() {
    out.hidden = true;
    input.focus();
  }
  input.addEventListener("input", show);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { out.hidden = true; }
    if (e.key === "ArrowDown" && !out.hidden) {
      var first = out.querySelector("a");
      if (first) { e.preventDefault(); first.focus(); }
    }
  });
  // In the results: Escape closes them and returns to the box; the arrow
  // keys move between results, and up from the first back to the box.
  out.addEventListener("keydown", function (e) {
    var links = Array.prototype.slice.call(out.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (e.key === "Escape") { e.preventDefault(); close(); }
    else if (e.key === "ArrowDown" && at >= 0 && at + 1 < links.length) { e.preventDefault(); links[at + 1].focus(); }
    else if (e.key === "ArrowUp" && at >= 0) { e.preventDefault(); (at ? links[at - 1] : input).focus(); }
  });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) out.hidden = true;
  });
  if (typeof fetch !== "function") {
    out.hidden = false;
    out.textContent = UNAVAILABLE;
  }
  manifest();

  // The search page: with ?q=, every match in order, PAGE at a time, in
  // place of the A-Z list.
  var list = document.getElementById("search-page-list");
  var pageQ = list && (new URLSearchParams(location.search).get("q") || "");
  if (list && pageQ.trim()) {
    input.value = pageQ;
    var status = document.getElementById("search-page-status");
    search(pageQ).then(function (r) {
      if (r) messages = r.m.messages || messages;
      if (!r) {
        status.textContent = UNAVAILABLE + " " + msg("listed_below");
        return;
      }
      var n = r.ids.length, shown = 0;
      status.textContent = msg("page_matches", n, pageQ);
      list.hidden = true;
      // The A-Z pages' links are for the list the results replace.
      var nav = list.parentNode.querySelector("nav.pagination");
      if (nav) nav.hidden = true;
      var ol = el("ol", "search-page-results");
      var more = el("button", "search-more", msg("more"));
      more.type = "button";
      list.parentNode.insertBefore(ol, list);
      list.parentNode.insertBefore(more, list);
      function next() {
        var ids = r.ids.slice(shown, shown + PAGE);
        shown += ids.length;
        more.hidden = shown >= n;
        return records(r.m, ids).then(function (l) {
          l.forEach(function (d) { ol.appendChild(item(d)); });
        });
      }
      more.addEventListener("click", next);
      next();
    });
  } else if (document.activeElement === input && input.value.trim()) {
    // Typed before this file arrived.
    show();
  }
})();
