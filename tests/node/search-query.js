#!/usr/bin/env node
// Runs the default theme's search.js against a built site, the way the
// search box does, with fetch reading the output folder.
// Usage: node search-query.js OUTPUT_DIR QUERY...
// Prints one JSON line per query: {query, total, results: [{title, url}]
// (the first 8, as the box shows them), files: [paths the query fetched,
// in order], bytes}. Each query starts with nothing fetched. A query of
// one character is answered as the box does after the first key: the
// guides whose title starts with it.
'use strict';
const fs = require('fs');
const path = require('path');
const engine = require('../../themes/default/static/search.js');

const [dir, ...queries] = process.argv.slice(2);
const ORIGIN = 'http://site.test/sub/';
let fetched = [];
globalThis.fetch = async (url) => {
  const rel = decodeURIComponent(new URL(url).pathname.slice(new URL(ORIGIN).pathname.length));
  const file = path.join(dir, rel);
  fetched.push(rel);
  if (!fs.existsSync(file)) return { ok: false, status: 404 };
  const text = fs.readFileSync(file, 'utf8');
  return { ok: true, status: 200, json: async () => JSON.parse(text), size: Buffer.byteLength(text) };
};

(async () => {
  for (const query of queries) {
    fetched = [];
    const ix = engine(new URL('search-index.json', ORIGIN), false);
    // One character is what the box shows after the first key.
    const ws = ix.words(query);
    const one = ws.length === 1 && Array.from(ws[0]).length === 1;
    const first = one ? await ix.initial(ws[0]) : null;
    const r = one ? null : await ix.search(query);
    const shown = one ? (first ? first.list : []) : r ? await ix.records(r.m, r.ids.slice(0, 8)) : [];
    const bytes = fetched.reduce((n, f) => {
      const p = path.join(dir, f);
      return n + (fs.existsSync(p) ? fs.statSync(p).size : 0);
    }, 0);
    console.log(JSON.stringify({
      query,
      total: one ? (first ? first.n : null) : r ? r.ids.length : null,
      results: shown.map((d) => ({ title: d.title, url: d.url.slice(ORIGIN.length) })),
      files: fetched,
      bytes,
    }));
  }
})().catch((e) => { console.error(e); process.exit(2); });
