// careerbook self-assessment: the reader ticks the skills they have, sees
// every role ranked by how many of its skills they cover, and picks a
// target to get a plan. The data comes from assess/data.js and, once a
// target is picked, one assess/steps-<n>.js: scripts of the site's own,
// so the page works offline and opened from disk. The answers are kept in
// localStorage, under a key of the site's own; nothing is sent anywhere.
(function () {
  "use strict";
  var d = document, root = d.getElementById("assess");
  if (!root) return;
  var base = root.getAttribute("data-root") || "./";
  var KEY = root.getAttribute("data-key") || "careerbook-assess";
  var lang = d.documentElement.lang || "en";
  var messages = {};
  try { messages = JSON.parse(root.getAttribute("data-messages") || "{}"); } catch (e) { messages = {}; }
  var fromDisk = location.protocol === "file:";
  var PAGE = 25;

  // A theme text, its plural form chosen by the browser's CLDR rules for
  // the page's language on `n`, its placeholders filled from `args`.
  function msg(key, n, args) {
    var v = messages[key] || key;
    if (typeof v === "object") {
      var c = "other";
      try { c = new Intl.PluralRules(lang).select(n); } catch (e) { c = "other"; }
      v = v[c] || v.other || key;
    }
    args = args || {};
    if (n != null) args.count = n.toLocaleString(lang);
    return v.replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(args, k) ? String(args[k]) : m;
    });
  }
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  // A URL path pattern of the data ("guides/{}/") filled with `args`, as
  // a link from this page; from disk, a folder's index.html.
  function url(pattern) {
    var args = Array.prototype.slice.call(arguments, 1), i = 0;
    var u = base + pattern.replace(/\{\}/g, function () { return encodeURIComponent(args[i++]); });
    return fromDisk && /\/$/.test(u) ? u + "index.html" : u;
  }
  function link(href, text) {
    var a = el("a", null, text);
    a.href = href;
    return a;
  }

  var data = null, ticked = {}, target = "", shown = PAGE, ranked = [];
  var steps = {}, waiting = {};
  var groupsEl = d.getElementById("assess-groups");
  var filter = d.getElementById("assess-filter");
  var tickedEl = d.getElementById("assess-ticked");
  var status = d.getElementById("assess-status");
  var rankEl = d.getElementById("assess-ranking");
  var more = d.getElementById("assess-more");
  var select = d.getElementById("assess-target");
  var planEl = d.getElementById("assess-plan-body");
  var printBtn = d.getElementById("assess-print");
  var placeholder = planEl.innerHTML;

  // Answers: the names of the ticked skills and the target's slug, so
  // that they survive a rebuild that renumbers skills and guides.
  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(KEY) || "{}");
      (s.skills || []).forEach(function (n) { ticked[n] = true; });
      target = s.target || "";
    } catch (e) { /* nothing kept, or storage refused */ }
  }
  function save() {
    try {
      var names = Object.keys(ticked).filter(function (n) { return ticked[n]; }).sort();
      if (!names.length && !target) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, JSON.stringify({ skills: names, target: target }));
    } catch (e) { /* storage refused: answers last as long as the page */ }
  }

  function has(skill) { return !!ticked[data.skills[skill][0]]; }

  // Every guide covering at least one ticked skill: most skills covered
  // first, then the larger share of its skills, then by title.
  function rank() {
    var out = [];
    data.guides.forEach(function (g, i) {
      var have = 0;
      g[2].forEach(function (s) { if (has(s)) have++; });
      if (have) out.push({ i: i, have: have, of: g[2].length });
    });
    out.sort(function (a, b) {
      return b.have - a.have || b.have * a.of - a.have * b.of ||
        (data.guides[a.i][0] < data.guides[b.i][0] ? -1 : data.guides[a.i][0] > data.guides[b.i][0] ? 1 : a.i - b.i);
    });
    return out;
  }

  function renderRanking(announce) {
    ranked = rank();
    rankEl.textContent = "";
    ranked.slice(0, shown).forEach(function (r) {
      var g = data.guides[r.i], li = el("li");
      li.setAttribute("data-slug", g[1]);
      li.appendChild(link(url(data.routes.guide, g[1]), g[0]));
      li.appendChild(d.createTextNode(" "));
      li.appendChild(el("span", "muted", msg("covers", r.of, { have: r.have.toLocaleString(lang) })));
      // The visible words first in the button's name, the role after.
      var b = el("button", "assess-button assess-quiet", msg("set_target"));
      b.type = "button";
      b.appendChild(el("span", "visually-hidden", ": " + g[0]));
      b.addEventListener("click", function () { pick(g[1], true); });
      li.appendChild(b);
      rankEl.appendChild(li);
    });
    more.hidden = ranked.length <= shown;
    var n = Object.keys(ticked).filter(function (k) { return ticked[k]; }).length;
    tickedEl.textContent = msg("ticked", n);
    var text;
    if (!n) text = msg("start");
    else if (!ranked.length) text = msg("no_match");
    else {
      var top = data.guides[ranked[0].i];
      text = msg("best", ranked[0].of, { role: top[0], have: ranked[0].have.toLocaleString(lang) });
      if (ranked.length > shown) text += " " + msg("shown_of", ranked.length, { shown: Math.min(shown, ranked.length).toLocaleString(lang) });
    }
    // The live region speaks only when the ranking changed by a tick.
    if (announce || status.textContent !== text) status.textContent = text;
  }

  function renderSkills() {
    var groups = data.groups.map(function (name) {
      return { name: name || msg("other_group"), skills: [] };
    });
    data.skills.forEach(function (s, i) { groups[s[2]].skills.push(i); });
    groupsEl.textContent = "";
    groups.forEach(function (g, gi) {
      if (!g.skills.length) return;
      g.skills.sort(function (a, b) {
        var x = data.skills[a][0].toLowerCase(), y = data.skills[b][0].toLowerCase();
        return x < y ? -1 : x > y ? 1 : a - b;
      });
      var det = el("details", "assess-group");
      var sum = el("summary", null, g.name + " ");
      var count = el("span", "count");
      sum.appendChild(count);
      det.appendChild(sum);
      // A group for assistive technology, around the list so that the
      // list stays one.
      var box = el("div");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", g.name);
      var ul = el("ul", "assess-skills");
      box.appendChild(ul);
      g.skills.forEach(function (s) {
        var li = el("li"), label = el("label"), box = el("input");
        box.type = "checkbox";
        box.id = "assess-s" + s;
        box.value = data.skills[s][0];
        box.checked = has(s);
        box.addEventListener("change", function () {
          if (box.checked) ticked[box.value] = true;
          else delete ticked[box.value];
          save();
          counts();
          renderRanking(true);
          renderPlan();
        });
        label.appendChild(box);
        label.appendChild(d.createTextNode(" " + data.skills[s][0]));
        li.appendChild(label);
        ul.appendChild(li);
      });
      det.appendChild(box);
      det.setAttribute("data-group", String(gi));
      // A short list shows open; a long one opens where ticks are.
      det.open = data.skills.length <= 60 || g.skills.some(has);
      groupsEl.appendChild(det);
    });
    groupsEl.appendChild(el("p", "muted assess-none", msg("no_skills"))).hidden = true;
    counts();
  }

  // Each group's ticked count, and groups with a tick open.
  function counts() {
    Array.prototype.forEach.call(groupsEl.querySelectorAll("details.assess-group"), function (det) {
      var n = det.querySelectorAll("input:checked").length, all = det.querySelectorAll("input").length;
      det.querySelector(".count").textContent = "(" + n.toLocaleString(lang) + "/" + all.toLocaleString(lang) + ")";
    });
  }

  function applyFilter() {
    var q = filter.value.trim().toLowerCase(), any = false;
    Array.prototype.forEach.call(groupsEl.querySelectorAll("details.assess-group"), function (det) {
      var seen = 0;
      Array.prototype.forEach.call(det.querySelectorAll("li"), function (li) {
        var hit = !q || li.textContent.toLowerCase().indexOf(q) >= 0;
        li.hidden = !hit;
        if (hit) seen++;
      });
      det.hidden = !seen;
      if (q && seen) det.open = true;
      if (seen) any = true;
    });
    groupsEl.querySelector(".assess-none").hidden = any;
  }

  function guideIndex(slug) {
    for (var i = 0; i < data.guides.length; i++) if (data.guides[i][1] === slug) return i;
    return -1;
  }

  function pick(slug, focus) {
    target = slug;
    select.value = slug;
    save();
    renderPlan();
    if (focus) d.getElementById("assess-plan-h").focus();
  }

  // Loads the next steps of guide `i` from its steps file, then `done`.
  function loadSteps(i, done) {
    var n = Math.floor(i / data.chunk);
    if (steps[n]) return done();
    if (waiting[n]) { waiting[n].push(done); return; }
    waiting[n] = [done];
    var s = d.createElement("script");
    s.src = url(data.routes.steps, n);
    s.onerror = function () {
      steps[n] = "failed";
      var w = waiting[n]; delete waiting[n];
      w.forEach(function (f) { f(); });
    };
    d.body.appendChild(s);
  }
  window.careerbookAssessSteps = function (n, list) {
    steps[n] = list;
    var w = waiting[n] || []; delete waiting[n];
    w.forEach(function (f) { f(); });
  };

  function renderPlan() {
    var i = target ? guideIndex(target) : -1;
    printBtn.disabled = i < 0;
    if (i < 0) {
      planEl.innerHTML = placeholder;
      return;
    }
    var g = data.guides[i];
    planEl.textContent = "";
    var h = el("h3", "assess-plan-title", msg("plan_for", null, { role: g[0] }));
    planEl.appendChild(h);
    var p = el("p");
    p.appendChild(link(url(data.routes.guide, g[1]), msg("read_guide") + ": " + g[0]));
    planEl.appendChild(p);

    // The target's skills not ticked, in the guide's order.
    var missing = g[2].filter(function (s) { return !has(s); });
    planEl.appendChild(el("h3", null, msg("missing")));
    if (!missing.length) {
      planEl.appendChild(el("p", "muted", msg("missing_none", null, { role: g[0] })));
    } else {
      var ul = el("ul", "assess-missing");
      missing.forEach(function (s) {
        var sk = data.skills[s], li = el("li");
        li.setAttribute("data-skill", sk[0]);
        li.appendChild(sk[1] ? link(url(data.routes.skill, sk[1]), sk[0]) : el("span", null, sk[0]));
        if (sk[3] && sk[3].length) {
          var res = el("ul", "assess-resources");
          res.setAttribute("aria-label", msg("learn") + ": " + sk[0]);
          sk[3].forEach(function (r) {
            var rli = el("li");
            rli.appendChild(link(r[1], r[0]));
            if (r[2]) rli.appendChild(el("span", "muted", " · " + r[2]));
            res.appendChild(rli);
          });
          li.appendChild(res);
        }
        ul.appendChild(li);
      });
      planEl.appendChild(ul);
    }

    // The move from the best-ranked role that has a page of a move here.
    var from = null;
    for (var r = 0; r < ranked.length && !from; r++) {
      var c = data.guides[ranked[r].i];
      if (ranked[r].i !== i && c[3].indexOf(i) >= 0) from = c;
    }
    if (from) {
      planEl.appendChild(el("h3", null, msg("move")));
      var mp = el("p", "assess-move");
      mp.appendChild(link(url(data.routes.transition, from[1], g[1]), msg("from_to", null, { from: from[0], to: g[0] })));
      planEl.appendChild(mp);
    }

    planEl.appendChild(el("h3", null, msg("steps")));
    var box = el("div", "assess-steps");
    planEl.appendChild(box);
    loadSteps(i, function () {
      if (target !== g[1]) return;
      var chunk = steps[Math.floor(i / data.chunk)];
      box.textContent = "";
      if (chunk === "failed" || !chunk) {
        box.appendChild(el("p", "muted", msg("steps_failed")));
        return;
      }
      var list = chunk[i % data.chunk] || [];
      if (!list.length) {
        box.appendChild(el("p", "muted", msg("steps_none")));
        return;
      }
      var ol = el("ol", "steps");
      // The site's own rendering of the guide's Markdown.
      list.forEach(function (html) { var li = el("li"); li.innerHTML = html; ol.appendChild(li); });
      box.appendChild(ol);
    });
  }

  function start(payload) {
    data = payload;
    load();
    renderSkills();
    var opts = data.guides.map(function (g, i) { return i; });
    opts.sort(function (a, b) {
      var x = data.guides[a][0].toLowerCase(), y = data.guides[b][0].toLowerCase();
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    var frag = d.createDocumentFragment();
    opts.forEach(function (i) {
      var o = el("option", null, data.guides[i][0]);
      o.value = data.guides[i][1];
      frag.appendChild(o);
    });
    select.appendChild(frag);
    if (target && guideIndex(target) < 0) target = "";
    select.value = target;
    renderRanking(false);
    renderPlan();
    filter.addEventListener("input", applyFilter);
    select.addEventListener("change", function () { pick(select.value, false); });
    more.addEventListener("click", function () {
      var next = rankEl.children.length;
      shown += PAGE;
      renderRanking(false);
      var a = rankEl.children[next] && rankEl.children[next].querySelector("a");
      if (a) a.focus();
    });
    d.getElementById("assess-clear").addEventListener("click", function () {
      ticked = {};
      target = "";
      shown = PAGE;
      save();
      Array.prototype.forEach.call(groupsEl.querySelectorAll("input:checked"), function (b) { b.checked = false; });
      counts();
      select.value = "";
      renderRanking(false);
      renderPlan();
      status.textContent = msg("cleared");
    });
    printBtn.addEventListener("click", function () { window.print(); });
    d.getElementById("assess-fallback").hidden = true;
    d.getElementById("assess-app").hidden = false;
  }

  window.careerbookAssess = start;
  var s = d.createElement("script");
  s.src = root.getAttribute("data-data");
  s.onerror = function () {
    var p = d.getElementById("assess-fallback-why");
    if (p) p.textContent = msg("unavailable") + " " + p.textContent;
  };
  d.body.appendChild(s);
})();
