#!/usr/bin/env node
// Drives the self-assessment page of a built site in headless Chromium, as
// a reader would: ticks skills, checks that the ranking is the order the
// data gives, reloads and checks the ticks are still there, picks a target
// and checks the plan lists the target's skills minus those ticked, then
// clears the answers. No request may leave the site's own origin.
//
//   node .ci/assess.js SITE_CHECKS_DIR OUTPUT_DIR [BASE_PATH] [SCREENSHOT_DIR]
//
// SITE_CHECKS_DIR is ../shared/site-checks (browser.js serves the folder
// and launches Chromium). Exits 1 on the first thing that does not hold.
'use strict';
const path = require('path');
const fs = require('fs');

const [checks, output, basePath, shots] = process.argv.slice(2);
if (!checks || !output) {
  console.error('usage: assess.js SITE_CHECKS_DIR OUTPUT_DIR [BASE_PATH] [SCREENSHOT_DIR]');
  process.exit(2);
}
const { serveDir, launch, DEPS } = require(path.resolve(checks, 'browser.js'));

function fail(msg) {
  throw new Error(msg);
}
function same(a, b, what) {
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    fail(`${what}:\n  expected ${JSON.stringify(b)}\n  got      ${JSON.stringify(a)}`);
  }
}

// The data as the page reads it: assess/data.js calls careerbookAssess.
function readData() {
  const text = fs.readFileSync(path.join(output, 'assess', 'data.js'), 'utf8');
  const m = /^careerbookAssess\(([\s\S]*)\);\s*$/.exec(text);
  if (!m) fail('assess/data.js is not one careerbookAssess(...) call');
  return JSON.parse(m[1]);
}

// The ranking the page must show for the ticked skill names: every guide
// covering one, most covered first, then the larger share, then by title.
function expectedRanking(data, names) {
  const out = [];
  data.guides.forEach((g, i) => {
    const have = g[2].filter((s) => names.includes(data.skills[s][0])).length;
    if (have) out.push({ i, have, of: g[2].length });
  });
  out.sort((a, b) => b.have - a.have || b.have * a.of - a.have * b.of ||
    (data.guides[a.i][0] < data.guides[b.i][0] ? -1 : data.guides[a.i][0] > data.guides[b.i][0] ? 1 : a.i - b.i));
  return out.map((r) => data.guides[r.i][1]);
}

async function shownRanking(page) {
  return page.$$eval('#assess-ranking > li', (lis) => lis.map((li) => li.getAttribute('data-slug')));
}

// Ticks skill `name`, first opening its group as a reader would when it
// is folded.
async function tick(page, name) {
  const box = page.getByRole('checkbox', { name, exact: true });
  const group = page.locator('details.assess-group', { has: box });
  if (!(await group.evaluate((d) => d.open))) await group.locator('summary').click();
  await box.check();
}

async function main() {
  const data = readData();
  // Two skills the most guides list, then one more: enough to make a
  // ranking with ties broken by share and title on the fixture.
  const reach = data.skills.map((s, i) => ({ i, n: data.guides.filter((g) => g[2].includes(i)).length }));
  reach.sort((a, b) => b.n - a.n || a.i - b.i);
  const first = [data.skills[reach[0].i][0], data.skills[reach[1].i][0]];
  const third = data.skills[reach[2].i][0];
  if (new Set(expectedRanking(data, first)).size < 2) fail('the site has too few overlapping skills to rank');

  const server = await serveDir(output, basePath || '/');
  const b = await launch({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  try {
    const page = await b.context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const url = server.url + 'assess/';
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('#assess-app:not([hidden])');
    if (await page.isVisible('#assess-fallback')) fail('the no-JavaScript explanation still shows');
    same(await shownRanking(page), [], 'the ranking before any tick');

    for (const name of first) await tick(page, name);
    same(await shownRanking(page), expectedRanking(data, first), `the ranking for ${first.join(', ')}`);
    const status = await page.textContent('#assess-status');
    const top = data.guides.find((g) => g[1] === expectedRanking(data, first)[0]);
    if (!status.includes(top[0])) fail(`the live region says "${status}", not the best match ${top[0]}`);
    if ((await page.getAttribute('#assess-status', 'aria-live')) !== 'polite') fail('the status is not a polite live region');

    await tick(page, third);
    const names = first.concat([third]);
    same(await shownRanking(page), expectedRanking(data, names), `the ranking after ticking ${third}`);

    // The filter hides the skills that do not match, and shows them again.
    await page.fill('#assess-filter', third);
    const visible = await page.$$eval('#assess-groups li', (lis) => lis.filter((li) => !li.hidden && li.offsetParent).map((li) => li.textContent.trim()));
    if (!visible.includes(third) || visible.some((t) => !t.toLowerCase().includes(third.toLowerCase()))) fail(`filtering by "${third}" shows ${JSON.stringify(visible)}`);
    await page.fill('#assess-filter', '');

    // Reload: the ticks are kept.
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#assess-app:not([hidden])');
    const checked = await page.$$eval('#assess-groups input:checked', (bs) => bs.map((x) => x.value).sort());
    same(checked, names.slice().sort(), 'the ticks after a reload');
    same(await shownRanking(page), expectedRanking(data, names), 'the ranking after a reload');

    // A target: the one ranked last (so something is missing), picked
    // from its button in the ranking.
    const ranking = expectedRanking(data, names);
    const slug = ranking[ranking.length - 1];
    const gi = data.guides.findIndex((g) => g[1] === slug);
    const g = data.guides[gi];
    await page.click(`#assess-ranking > li[data-slug="${slug}"] button`);
    await page.waitForSelector('.assess-steps');
    const wantMissing = g[2].map((s) => data.skills[s][0]).filter((n) => !names.includes(n));
    const missing = () => page.$$eval('ul.assess-missing > li', (lis) => lis.map((li) => li.getAttribute('data-skill')));
    same(await missing(), wantMissing, `the skills to build for ${g[0]}`);
    // Each linked missing skill leads to its skill page.
    for (const s of g[2].filter((s) => data.skills[s][1] && !names.includes(data.skills[s][0]))) {
      const href = await page.getAttribute(`ul.assess-missing > li[data-skill="${data.skills[s][0]}"] > a`, 'href');
      if (!href.endsWith(data.routes.skill.replace('{}', data.skills[s][1]))) fail(`${data.skills[s][0]} links ${href}`);
    }
    // The target's next steps, as its steps file gives them.
    const stepsText = fs.readFileSync(path.join(output, 'assess', `steps-${Math.floor(gi / data.chunk)}.js`), 'utf8');
    const stepsList = JSON.parse(/^careerbookAssessSteps\(\d+,([\s\S]*)\);\s*$/.exec(stepsText)[1])[gi % data.chunk];
    await page.waitForFunction(() => !!document.querySelector('.assess-steps ol, .assess-steps p'));
    const shownSteps = await page.$$eval('.assess-steps ol > li', (lis) => lis.map((li) => li.innerHTML));
    same(shownSteps, stepsList, `the next steps of ${g[0]}`);
    // The move from the best-ranked role with a page of a move there.
    const from = ranking.map((s) => data.guides.find((x) => x[1] === s)).find((x) => x[1] !== slug && x[3].includes(gi));
    const move = await page.$('.assess-move a');
    if (from) {
      const href = move && (await move.getAttribute('href'));
      const want = data.routes.transition.replace('{}', from[1]).replace('{}', slug);
      if (!href || !href.endsWith(want)) fail(`the move link is ${href}, not …${want}`);
      await page.goto(new URL(href, page.url()).href, { waitUntil: 'load' });
      if (!(await page.title()).includes(from[0])) fail(`the move link ${href} does not lead to the move from ${from[0]}`);
      await page.goBack({ waitUntil: 'load' });
      await page.waitForSelector('#assess-app:not([hidden])');
    } else if (move) {
      fail('a move link shows though no ranked role has a move to the target');
    }

    // Ticking one of the missing skills takes it off the plan.
    if (wantMissing.length) {
      await page.waitForSelector('ul.assess-missing');
      await tick(page, wantMissing[0]);
      same(await missing(), wantMissing.slice(1), `the skills to build after ticking ${wantMissing[0]}`);
      same(await shownRanking(page), expectedRanking(data, names.concat([wantMissing[0]])), 'the ranking after that tick');
    }
    // axe-core on the page as a reader leaves it, skills ticked and a plan
    // shown, in light and dark.
    await page.evaluate(fs.readFileSync(path.join(DEPS, 'axe-core', 'axe.min.js'), 'utf8'));
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const found = r.violations.map((v) => `${v.id} (${scheme}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      if (found.length) fail(`axe-core finds:\n  ${found.join('\n  ')}`);
      if (shots) {
        fs.mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: path.join(shots, `assess-ticked-1280-${scheme}.png`), fullPage: true });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    if (shots) {
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: path.join(shots, 'assess-print.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    }

    // Reload keeps the target too; clearing forgets everything, also
    // across a reload.
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#assess-app:not([hidden])');
    same(await page.inputValue('#assess-target'), slug, 'the target after a reload');
    await page.click('#assess-clear');
    same(await page.$$eval('#assess-groups input:checked', (bs) => bs.length), 0, 'ticks after clearing');
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#assess-app:not([hidden])');
    same(await page.$$eval('#assess-groups input:checked', (bs) => bs.length), 0, 'ticks after clearing and a reload');
    same(await page.inputValue('#assess-target'), '', 'the target after clearing and a reload');

    if (errors.length) fail(`script errors:\n  ${errors.join('\n  ')}`);
    if (b.blocked.length) fail(`requests left the site:\n  ${b.blocked.join('\n  ')}`);
    const foreign = requests.filter((u) => new URL(u).origin !== server.origin);
    if (foreign.length) fail(`requests to another origin:\n  ${foreign.join('\n  ')}`);
    console.log(`assess: ${data.guides.length} guides, ${data.skills.length} skills; ranking, persistence, plan and clearing hold; ${requests.length} requests, all to ${server.origin}`);
  } finally {
    await b.close();
    server.stop();
  }
}

main().catch((e) => {
  console.error(`assess: ${e.message}`);
  process.exit(1);
});
