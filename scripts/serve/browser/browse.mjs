// The browser test of the web UI: the system chromium, driven over the DevTools protocol by
// playwright-core. Usage: node browse.mjs BASE_URL OUT_DIR [HOSTILE_STORY_ID]
// Loads the story list, opens the first story, clicks a conflict, follows one of its quotes to
// the source text and checks the span is highlighted; checks that keyboard alone gets there,
// that an override applied from the page is stored, that a phone-width page does not scroll sideways, that hostile text stays text (no element,
// no script run, no CSP violation), and screenshots every page at desktop and phone sizes (light
// and dark) into OUT_DIR. Exits non-zero on the first failed check.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const [base, out, hostile] = process.argv.slice(2);
const token = process.env.CORROBORATE_TOKEN || "";
if (!base || !out) { console.error("usage: node browse.mjs BASE_URL OUT_DIR [HOSTILE_STORY_ID]"); process.exit(2); }
mkdirSync(out, { recursive: true });
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = [];
const problems = [];

function check(ok, what) {
  if (!ok) throw new Error(`check failed: ${what}`);
  console.log(`ok: ${what}`);
}

async function newPage(browser, size, scheme) {
  const ctx = await browser.newContext({
    viewport: size === "phone" ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1, isMobile: size === "phone", hasTouch: size === "phone", colorScheme: scheme,
  });
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return page;
}

/** Waits until the page has drawn the route in the address bar. */
async function drawn(page) {
  await page.waitForFunction(() => document.getElementById("main")?.dataset.route === (location.hash || "#/"));
}

async function go(page, hash) {
  await page.goto(`${base}/${hash}`);
  await drawn(page);
}

async function shot(page, name) {
  const path = join(out, `${name}.png`);
  await page.screenshot({ path });
  shots.push(path);
}

async function noSideScroll(page, what) {
  // Against the device width: a page wider than it makes the phone zoom out or scroll.
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  check(sw <= 391, `${what}: fits a 390-px phone (${sw} px wide)`);
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
try {
  // Desktop, light: list → story → conflict → quote → source span.
  const page = await newPage(browser, "desktop", "light");
  await go(page, "#/");
  await page.waitForSelector(".cards a");
  await shot(page, "desktop-stories");
  const storyHref = await page.getAttribute(".cards li:first-child a", "href");
  check(/^#\/story\/story-[0-9a-f]+$/.test(storyHref), `the first story links to its permalink (${storyHref})`);
  await page.click(".cards li:first-child a");
  await drawn(page);
  await page.waitForSelector("#section-conflicts");
  await shot(page, "desktop-story");
  const conflict = page.locator("#section-conflicts article .permalink").first();
  check((await conflict.count()) === 1, "the story page lists a conflict first");
  await conflict.click();
  await drawn(page);
  await page.waitForSelector("article.card.target");
  check(page.url().includes("/conflict/"), `clicking a conflict gives its permalink (${page.url()})`);
  const sides = await page.locator("article.card.target .side").count();
  check(sides >= 2, `the conflict shows its positions side by side (${sides})`);
  await shot(page, "desktop-conflict");
  const quote = page.locator("article.card.target blockquote a").first();
  const quoted = (await quote.textContent()).trim();
  await quote.click();
  await drawn(page);
  await page.waitForSelector("mark#hl");
  const marked = (await page.textContent("mark#hl")).trim();
  check(marked === quoted, `the quote opens its source with exactly that span highlighted (“${marked.slice(0, 60)}”)`);
  check(await page.evaluate(() => document.activeElement && document.activeElement.id === "hl"), "the highlighted span has the focus");
  await shot(page, "desktop-source");
  await page.goBack();
  await drawn(page);
  await page.waitForSelector("article.card.target");
  check(page.url().includes("/conflict/"), "Back returns to the conflict");

  // The other sections are there.
  await go(page, storyHref);
  await page.waitForSelector("#section-who .quote-list li");
  check((await page.locator("#section-who .relay").count()) > 0, "who said what lists quotes with their outlets and relays");
  check((await page.locator("#section-timeline .timeline li").count()) > 0, "the timeline lists dated events");
  check((await page.locator("#section-matrix table.matrix thead th").count()) > 2, "the claims matrix has outlet columns");
  check((await page.locator("#section-roster .roster li").count()) > 0, "the roster lists entities");
  const dots = await page.locator("#section-map svg.map circle.place").count();
  const land = await page.locator("#section-map svg.map path.land").count();
  check(dots > 0 && land > 100, `the map draws the places (${dots}) on the offline world layer (${land} countries)`);
  await page.locator("#section-map").scrollIntoViewIfNeeded();
  await shot(page, "desktop-map");
  // By keyboard: the places overlap where the news is dense.
  await page.locator("#section-map svg.map a").first().focus();
  await page.keyboard.press("Enter");
  await drawn(page);
  await page.waitForSelector(".roster li.target");
  check(page.url().includes("/entity/"), "a place on the map links to its roster entry");
  await go(page, storyHref);
  await page.waitForSelector("#section-matrix table.matrix");
  await page.locator("#section-matrix").scrollIntoViewIfNeeded();
  await shot(page, "desktop-matrix");

  // Keyboard only: Tab to the first story link and Enter opens it.
  await go(page, "#/");
  await page.waitForSelector(".cards a");
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => !!document.activeElement?.closest(".cards"));
  }
  check(reached, "Tab reaches the story list");
  await page.keyboard.press("Enter");
  await drawn(page);
  await page.waitForSelector("#section-conflicts");
  check(page.url().includes("#/story/"), "Enter opens the story");

  // An override from the UI: with the token, "Not the same" on a merge stores a veto, the
  // store is analyzed again, and the page shows the new roster.
  if (token) {
    await go(page, storyHref);
    await page.click("#token-button");
    await page.fill("dialog input[name=token]", token);
    await page.click("dialog button[value=save]");
    await page.waitForSelector("#section-roster button.action", { state: "attached" });
    const evidence = page.locator("#section-roster details").filter({ has: page.locator("button.action") }).first();
    check((await evidence.count()) === 1, "with the token, merges offer a “Not the same” override");
    await evidence.locator("summary").click();
    const before = await page.evaluate(async () => (await (await fetch("/api/overrides")).json()).entities.length);
    await evidence.locator("button.action").first().click();
    await page.waitForFunction(async (n) => (await (await fetch("/api/overrides")).json()).entities.length > n, before);
    await drawn(page);
    const stored = await page.evaluate(async () => (await (await fetch("/api/overrides")).json()).entities);
    check(stored.some((l) => l.startsWith("veto")), `the override is stored (${stored.join("; ")})`);
    await shot(page, "desktop-after-override");
  }

  // Hostile text: markup in titles, outlets and quotes stays text.
  if (hostile) {
    await go(page, `#/story/${hostile}`);
    await page.waitForSelector("#section-who");
    const injected = await page.evaluate(() => ({
      pwned: window.__pwned === 1,
      elements: document.querySelectorAll("main img, main svg:not(.map), main script, main iframe, main [onmouseover], main [onerror], main [onload]").length,
      jsLinks: [...document.querySelectorAll("a")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href") || "")).length,
      shown: document.querySelector("main h1")?.textContent || "",
    }));
    check(!injected.pwned && injected.elements === 0 && injected.jsLinks === 0, `hostile text stays text (${JSON.stringify(injected)})`);
    check(injected.shown.includes("<script>"), "the hostile title is shown, as text");
    await shot(page, "desktop-hostile");
    const doc = await page.getAttribute("#section-who blockquote a", "href");
    await go(page, doc);
    await page.waitForSelector("#doc-text");
    check(await page.evaluate(() => window.__pwned !== 1 && document.querySelectorAll("main img, main script").length === 0), "the hostile source text stays text");
  }
  await page.context().close();

  // Phone, light and dark.
  for (const scheme of ["light", "dark"]) {
    const p = await newPage(browser, "phone", scheme);
    await go(p, "#/");
    await p.waitForSelector(".cards a");
    await noSideScroll(p, `${scheme} story list`);
    await shot(p, `phone-${scheme}-stories`);
    await go(p, storyHref);
    await p.waitForSelector("#section-conflicts");
    await noSideScroll(p, `${scheme} story page`);
    await shot(p, `phone-${scheme}-story`);
    await p.locator("#section-conflicts article .permalink").first().click();
    await drawn(p);
    await p.waitForSelector("article.card.target");
    await shot(p, `phone-${scheme}-conflict`);
    await p.locator("article.card.target blockquote a").first().click();
    await drawn(p);
    await p.waitForSelector("mark#hl");
    await noSideScroll(p, `${scheme} source page`);
    await shot(p, `phone-${scheme}-source`);
    if (scheme === "dark") {
      const bg = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
      check(bg !== "rgb(251, 251, 248)", `dark mode changes the page colours (${bg})`);
    }
    await p.context().close();
  }
  check(problems.length === 0, `no console error, CSP violation or page error (${problems.join("; ")})`);
  console.log(`screenshots: ${shots.length} in ${out}`);
} catch (e) {
  console.error(String(e.stack || e));
  if (problems.length) console.error(problems.join("\n"));
  process.exitCode = 1;
} finally {
  await browser.close();
}
