#!/usr/bin/env node
// Opens a built site from disk (file: URLs, no server) in headless Chromium
// and clicks through it as a reader would: the home page must be styled,
// a link to a guide must lead to the guide's index.html (not to a folder
// listing), the guide page must be styled and its links back must work,
// and the search box must say that search needs a web server.
//
//   node .ci/from-disk.js SITE_CHECKS_DIR OUTPUT_DIR [SCREENSHOT_DIR]
//
// SITE_CHECKS_DIR is ../shared/site-checks (its browser.js launches
// Chromium). With SCREENSHOT_DIR, writes home.png, guide.png and search.png there.
// Exits 1 on the first thing that does not hold.
'use strict';
const path = require('path');
const fs = require('fs');
const { pathToFileURL } = require('url');

const [checks, output, shots] = process.argv.slice(2);
if (!checks || !output) {
  console.error('usage: from-disk.js SITE_CHECKS_DIR OUTPUT_DIR [SCREENSHOT_DIR]');
  process.exit(2);
}
const { launch } = require(path.resolve(checks, 'browser.js'));

function fail(msg) {
  throw new Error(msg);
}

// Whether the theme's stylesheet applies: without it the hidden search
// label is laid out like any text.
async function styled(page) {
  return page.evaluate(() => {
    const el = document.querySelector('.visually-hidden');
    return !!el && getComputedStyle(el).position === 'absolute';
  });
}

async function main() {
  const home = pathToFileURL(path.resolve(output, 'index.html')).href;
  const b = await launch({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  try {
    const page = await b.context.newPage();
    page.on('requestfailed', (r) => {
      // The search index is the one thing a page on disk may not read.
      if (!r.url().endsWith('/search-index.json')) errors.push(`${r.url()}: ${r.failure().errorText}`);
    });
    await page.goto(home, { waitUntil: 'load' });
    if (!(await styled(page))) fail(`${home}: the stylesheet did not load`);
    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'home.png') });
    }
    const link = page.locator('.card a[href*="guides/"]').first();
    const href = await link.getAttribute('href');
    if (!/guides\/[^/]+\/index\.html$/.test(href)) fail(`home: guide link ${href} does not name an index.html`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
    const guide = page.url();
    if (!guide.startsWith('file:') || !guide.endsWith('/index.html')) fail(`clicking ${href} opened ${guide}`);
    if (!(await styled(page))) fail(`${guide}: the stylesheet did not load`);
    const title = await page.locator('h1').first().textContent();
    if (shots) await page.screenshot({ path: path.join(shots, 'guide.png') });
    // Every relative link of the guide page names a file, not a folder.
    const folders = await page.evaluate(() =>
      Array.from(document.querySelectorAll('a[href]'))
        .map((a) => a.getAttribute('href'))
        .filter((h) => !/^([a-z][a-z0-9+.-]*:|[/?#])/i.test(h) && /\/([?#].*)?$/.test(h)));
    if (folders.length) fail(`${guide}: folder links left as they are: ${folders.join(' ')}`);
    // Search says why it cannot work here.
    await page.fill('#search-q', 'engineer');
    const box = page.locator('#search-results');
    await box.waitFor({ state: 'visible', timeout: 5000 });
    const said = await box.textContent();
    if (!/web server/.test(said)) fail(`search box says: ${said}`);
    if (shots) await page.screenshot({ path: path.join(shots, 'search.png') });
    // And back home through the brand link.
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('a.brand')]);
    if (page.url() !== home) fail(`the brand link opened ${page.url()}, not ${home}`);
    if (errors.length) fail(`failed requests:\n  ${errors.join('\n  ')}`);
    console.log(`from disk: home styled, "${title.trim()}" opened at ${guide.slice(guide.lastIndexOf('/guides/') + 1)} and styled, search says it needs a web server, brand link leads home`);
  } finally {
    await b.close();
  }
  // On a phone, no guide page is wider than the screen (a long title such
  // as "(Platform/Infrastructure)" once was).
  const phone = await launch({ viewport: { width: 390, height: 844 }, isMobile: true });
  try {
    const page = await phone.context.newPage();
    const dir = path.resolve(output, 'guides');
    const wide = [];
    for (const slug of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, slug, 'index.html');
      if (!fs.existsSync(file)) continue;
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`guides/${slug}/ is ${width}px wide`);
    }
    if (wide.length) fail(`at 390px:\n  ${wide.join('\n  ')}`);
    console.log('from disk at 390px: no guide page wider than the screen');
  } finally {
    await phone.close();
  }
}

main().catch((e) => {
  console.error(`from disk: ${e.message}`);
  process.exit(1);
});
