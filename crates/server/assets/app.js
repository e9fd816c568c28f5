// corroborate web UI: story list, story page (conflicts side by side, who said what, timeline,
// claims matrix, roster), and document view with the cited span highlighted.
// All text comes from news articles and is hostile: the DOM is built with textContent and
// element properties only, never innerHTML; links are internal #/ routes or checked http(s).
"use strict";

const main = () => document.getElementById("main");
const cache = new Map();

/** An element with safe attributes and text or element children. */
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "href") e.setAttribute("href", safeHref(v));
    else if (k === "onclick") e.addEventListener("click", v);
    else if (k === "onchange") e.addEventListener("change", v);
    else if (k === "oninput") e.addEventListener("input", v);
    else if (/^(id|title|role|tabindex|type|value|name|method|for|colspan|scope|datetime|rel|target|download|placeholder|autocomplete)$/.test(k) || k.startsWith("aria-") || k.startsWith("data-")) e.setAttribute(k, String(v));
  }
  for (const k of kids.flat()) {
    if (k === null || k === undefined || k === false) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
}

/** Only our own routes, our own API paths and plain http(s) URLs become links. */
function safeHref(h) {
  const s = String(h);
  if (s.startsWith("#/") || s.startsWith("/api/")) return s;
  try {
    const u = new URL(s);
    if (u.protocol === "http:" || u.protocol === "https:") return u.href;
  } catch (_) { /* not a URL */ }
  return "#/";
}

async function api(path) {
  if (cache.has(path)) return cache.get(path);
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((body.error && body.error.message) || res.statusText);
  cache.set(path, body);
  return body;
}

function show(...nodes) {
  const m = main();
  m.replaceChildren(...nodes);
}

function fail(e) {
  show(el("h1", {}, "Something went wrong"), el("p", { class: "error" }, String(e.message || e)), el("p", {}, el("a", { href: "#/" }, "Back to the stories")));
}

// ---------- routes ----------

function route() {
  const h = location.hash || "#/";
  if (!h.startsWith("#/")) return;
  const parts = h.slice(2).split("/").map(decodeURIComponent);
  let p;
  if (parts[0] === "story" && parts[1]) p = storyPage(parts[1], parts[2], parts[3]);
  else if (parts[0] === "doc" && parts[1]) p = docPage(parts[1], parts[2]);
  else p = listPage();
  // Which route the page shows once drawn (the browser test waits on it).
  p.then(() => { main().dataset.route = h; }, fail);
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", () => {
  document.getElementById("token-button").addEventListener("click", tokenDialog);
  route();
});

// ---------- story list ----------

async function listPage() {
  const data = await api("/api/stories");
  document.title = "Stories — corroborate";
  const items = data.stories.map((s) => {
    const c = s.counts;
    return el("li", { class: "card" },
      el("h2", { class: "plain" }, el("a", { href: `#/story/${s.id}` }, s.title || s.label || s.id)),
      el("p", { class: "muted" }, s.label),
      el("ul", { class: "counts", "aria-label": "Counts" },
        count(c.documents, "report"), count(c.conflicts, "conflict"), count(c.claims, "claim"),
        count(c.quotes, "quote"), count(c.entities, "entity", "entities"), count(c.timeline, "dated event")),
      el("p", { class: "muted" }, [s.first_published, s.last_published].filter(Boolean).join(" – "), s.outlets.length ? " · " + s.outlets.join(", ") : ""));
  });
  show(el("h1", {}, `${data.stories.length} ${data.stories.length === 1 ? "story" : "stories"}`),
    items.length ? el("ul", { class: "cards" }, items) : el("p", {}, "The store holds no documents yet. POST some to /api/documents, or run corroborate ingest."));
  focusMain();
}

function count(n, one, many) {
  return el("li", {}, el("b", {}, String(n)), " ", n === 1 ? one : many || one + "s");
}

function focusMain() {
  const h = main().querySelector("h1");
  if (h) { h.setAttribute("tabindex", "-1"); h.focus({ preventScroll: true }); }
}

// ---------- story page ----------

const filters = { outlet: "", verdict: "", text: "" };

async function storyPage(id, kind, target) {
  const d = await api(`/api/stories/${encodeURIComponent(id)}`);
  const docs = new Map(d.documents.map((x) => [x.id, x]));
  const outletOf = (doc) => shortName(docs.get(doc), doc);
  const story = (d.stories || []).find((s) => s.id === d.story) || {};
  const title = (d.documents.find((x) => x.title) || {}).title || story.label || id;
  document.title = `${title} — corroborate`;
  const conflicts = d.comparisons.filter((c) => c.verdict === "conflict");
  const others = d.comparisons.filter((c) => c.verdict !== "conflict");
  const world = await api("/assets/world.json").catch(() => null);
  const ctx = { d, id, docs, outletOf, world };

  const body = el("div", {});
  const render = () => {
    const f = (c) => matchesComparison(ctx, c);
    body.replaceChildren(
      section("conflicts", `Conflicts (${conflicts.length})`, conflicts.filter(f).map((c) => comparisonCard(ctx, c)), "The sources agree on everything compared."),
      section("who", `Who said what (${d.quotes.length})`, [whoSaidWhat(ctx)]),
      section("timeline", `Timeline (${d.timeline.length})`, [timeline(ctx)]),
      section("map", `Map (${d.entities.filter((e) => e.place).length} places)`, [placeMap(ctx)]),
      section("matrix", "Claims matrix", [matrix(ctx)]),
      section("others", `Agreements, updates and complements (${others.length})`, [el("details", {}, el("summary", {}, "Show them"), others.filter(f).map((c) => comparisonCard(ctx, c)))]),
      section("roster", `Who and where (${d.entities.length})`, [roster(ctx)]),
    );
  };
  const outlets = [...new Set(d.documents.map((x) => outletOf(x.id)))].sort();
  const filterBar = el("form", { class: "filters", role: "search", "aria-label": "Filters" },
    el("label", {}, "Source", el("select", { name: "outlet", onchange: (e) => { filters.outlet = e.target.value; render(); } },
      el("option", { value: "" }, "all sources"), outlets.map((o) => el("option", { value: o }, o)))),
    el("label", {}, "Verdict", el("select", { name: "verdict", onchange: (e) => { filters.verdict = e.target.value; render(); } },
      el("option", { value: "" }, "any"), ["conflict", "agree", "update", "complement"].map((v) => el("option", { value: v }, v)))),
    el("label", {}, "Entity or word", el("input", { name: "text", type: "search", placeholder: "e.g. Damascus", autocomplete: "off", oninput: (e) => { filters.text = e.target.value.toLowerCase(); render(); } })));
  filterBar.addEventListener("submit", (e) => e.preventDefault());
  for (const k of Object.keys(filters)) filters[k] = "";

  const exports = ["timelinejs", "geojson", "csv-claims", "csv-comparisons", "claimreview"].map((f) =>
    el("a", { href: `/api/stories/${encodeURIComponent(id)}/export?format=${f}`, download: "" }, f));
  show(
    el("p", {}, el("a", { href: "#/" }, "← All stories")),
    el("h1", {}, title),
    el("p", { class: "muted" }, story.label || ""),
    el("ul", { class: "counts" }, count(d.documents.length, "report"), count(conflicts.length, "conflict"), count(d.claims.length, "claim"), count(d.quotes.length, "quote")),
    el("p", { class: "muted" }, "Sources: ", outlets.join(", "), d.alignment ? ` · claims aligned ${d.alignment.method || ""}` : ""),
    el("nav", { class: "toc", "aria-label": "Sections" },
      [["conflicts", "Conflicts"], ["who", "Who said what"], ["timeline", "Timeline"], ["map", "Map"], ["matrix", "Claims matrix"], ["roster", "Who and where"]]
        .map(([s, t]) => el("a", { href: `#/story/${id}/section/${s}` }, t))),
    el("p", { class: "muted" }, "Export: ", exports.flatMap((a, i) => (i ? [" · ", a] : [a]))),
    filterBar, body);
  render();
  if (kind && target) {
    const t = document.getElementById(`${kind}-${target}`);
    if (t) { t.classList.add("target"); t.scrollIntoView({ block: "start" }); t.setAttribute("tabindex", "-1"); t.focus({ preventScroll: true }); return; }
  }
  focusMain();
}

/** A report's name for columns and lists: its outlet, else its site, else its title (cut). */
function shortName(x, id) {
  if (!x) return id.slice(0, 8);
  if (x.outlet) return x.outlet;
  if (x.url) { try { return new URL(x.url).hostname.replace(/^www\./, ""); } catch (_) { /* no URL */ } }
  const t = x.title || x.source;
  return t.length > 40 ? t.slice(0, 39) + "…" : t;
}

function section(id, title, kids, empty) {
  const list = kids.filter(Boolean);
  return el("section", { id: `section-${id}`, "aria-labelledby": `h-${id}` },
    el("h2", { id: `h-${id}` }, title),
    list.length ? list : el("p", { class: "muted" }, empty || "Nothing here."));
}

function matchesComparison(ctx, c) {
  if (filters.verdict && c.verdict !== filters.verdict) return false;
  const spans = c.positions.flatMap((p) => p.spans);
  if (filters.outlet && !spans.some((s) => ctx.outletOf(s.doc) === filters.outlet)) return false;
  if (filters.text) {
    const hay = [c.topic, ...c.positions.map((p) => p.value), ...spans.map((s) => s.text)].join(" ").toLowerCase();
    if (!hay.includes(filters.text)) return false;
  }
  return true;
}

function spanLink(s, label) {
  return el("a", { href: `#/doc/${s.doc}/${s.start}-${s.end}`, title: "Show in the source" }, label || s.text);
}

function comparisonCard(ctx, c) {
  const sides = c.positions.map((p, i) => {
    const outlets = [...new Set(p.spans.map((s) => ctx.outletOf(s.doc)))];
    return el("div", { class: `side p${i % 5}` },
      el("p", { class: "value" }, p.value),
      el("p", { class: "muted" }, outlets.join(", "), ` · ${p.independent_sources} independent ${p.independent_sources === 1 ? "source" : "sources"}`, p.published ? ` · ${p.published}` : ""),
      p.spans.map((s) => el("blockquote", {}, spanLink(s), el("span", { class: "muted" }, " — ", ctx.outletOf(s.doc)))));
  });
  return el("article", { class: "card", id: `conflict-${c.id}` },
    el("h3", {}, el("span", { class: `badge ${c.verdict}` }, c.verdict), c.kind ? el("span", { class: "badge" }, c.kind) : null, c.degree ? el("span", { class: "badge" }, c.degree) : null,
      el("a", { href: `#/story/${ctx.id}/conflict/${c.id}`, class: "permalink" }, c.topic || c.id)),
    el("div", { class: "sides" }, sides));
}

function whoSaidWhat(ctx) {
  const groups = new Map();
  for (const q of ctx.d.quotes) {
    if (filters.outlet && ctx.outletOf(q.content.doc) !== filters.outlet) continue;
    const who = (q.resolved_source || q.source || {}).text || (q.source_kind === "anonymous" ? "anonymous sources" : "unattributed");
    if (filters.text && !(who + " " + q.content.text).toLowerCase().includes(filters.text)) continue;
    if (!groups.has(who)) groups.set(who, []);
    groups.get(who).push(q);
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  if (!sorted.length) return el("p", { class: "muted" }, "No quotes match.");
  return el("ul", { class: "quote-list" }, sorted.map(([who, qs]) =>
    el("li", {}, el("h3", {}, who, el("span", { class: "muted" }, ` (${qs.length})`)),
      qs.map((q) => el("blockquote", {},
        el("span", { class: "badge" }, q.kind),
        spanLink(q.content),
        el("div", { class: "relay" }, ctx.outletOf(q.content.doc),
          q.cue ? ` · “${q.cue.text}”` : "",
          q.relayed_by.length ? ` · relayed by ${q.relayed_by.map((r) => r.text).join(" ← ")}` : ""))))));
}

function timeline(ctx) {
  const items = ctx.d.timeline.filter((t) => !filters.outlet || t.sources.some((s) => ctx.outletOf(s.doc) === filters.outlet));
  if (!items.length) return el("p", { class: "muted" }, "No dated events.");
  return el("ol", { class: "timeline" }, items.map((t) =>
    el("li", { class: t.disputed_by ? "disputed" : "" },
      el("time", { datetime: t.date }, t.date),
      t.disputed_by ? el("a", { class: "badge disputed", href: `#/story/${ctx.id}/conflict/${t.disputed_by}` }, "date disputed") : null,
      spanLink(t.what),
      el("div", { class: "relay" }, [...new Set(t.sources.map((s) => ctx.outletOf(s.doc)))].join(", ")))));
}

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element; attribute values are numbers we computed or strings we set, never markup. */
function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, k === "href" ? safeHref(v) : String(v));
  for (const k of kids) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

/** The located places on the offline world layer (equirectangular, zoomed to the places). */
function placeMap(ctx) {
  const places = ctx.d.entities.filter((e) => e.place && (!filters.text || [e.name, ...e.aliases].join(" ").toLowerCase().includes(filters.text)));
  if (!places.length) return el("p", { class: "muted" }, "No place was found in the gazetteer.");
  const xs = places.map((e) => e.place.lon + 180), ys = places.map((e) => 90 - e.place.lat);
  let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  // At least 16 degrees tall, 2:1, with a margin, inside the world.
  let h = Math.max(16, (y1 - y0) * 1.3, (x1 - x0) * 1.3 / 2), w = h * 2;
  if (w > 360) { w = 360; h = 180; }
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const vx = Math.min(Math.max(cx - w / 2, 0), 360 - w), vy = Math.min(Math.max(cy - h / 2, 0), 180 - h);
  const unit = h / 60;
  const map = svg("svg", { viewBox: `${vx} ${vy} ${w} ${h}`, class: "map", role: "img", "aria-label": `Map of ${places.length} places` });
  if (ctx.world) for (const d of ctx.world.countries) map.append(svg("path", { d, class: "land" }));
  // Largest first, so small places stay on top and clickable; a label is drawn only where it
  // overlaps no label drawn before it (the name is always in the circle's title).
  const fs = unit * 2.2, boxes = [];
  const sorted = [...places].sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  for (const e of sorted) {
    const x = e.place.lon + 180, y = 90 - e.place.lat;
    const r = unit * (0.5 + Math.sqrt(e.mentions.length) * 0.3);
    const box = [x + r * 1.2, y - fs * 0.8, x + r * 1.2 + e.name.length * fs * 0.58, y + fs * 0.3];
    const free = !boxes.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]);
    if (free) boxes.push(box);
    map.append(svg("a", { href: `#/story/${ctx.id}/entity/${e.id}`, "aria-label": e.name },
      svg("circle", { cx: x, cy: y, r, class: "place" }, svg("title", {}, `${e.name} (${e.mentions.length} mentions)`)),
      free ? svg("text", { x: box[0], y: y + fs * 0.3, class: "place-label", "font-size": fs }, e.name) : ""));
  }
  return el("figure", { class: "map-box" }, map,
    el("figcaption", { class: "muted" }, "Places the reports name, located in GeoNames; circle size follows the mentions. Borders: Natural Earth via world-atlas."));
}

function matrix(ctx) {
  const rows = ctx.d.comparisons.filter((c) => c.positions.length && matchesComparison(ctx, c));
  const cols = ctx.d.documents.filter((x) => !filters.outlet || ctx.outletOf(x.id) === filters.outlet);
  if (!rows.length) return el("p", { class: "muted" }, "No comparisons match.");
  const head = el("tr", {}, el("th", { scope: "col" }, "Claim"), cols.map((x) => el("th", { scope: "col", title: x.title || x.source }, ctx.outletOf(x.id))));
  const body = rows.map((c) => {
    const cell = (doc) => {
      const i = c.positions.findIndex((p) => p.spans.some((s) => s.doc === doc));
      if (i < 0) return el("td", {}, "");
      const p = c.positions[i];
      const s = p.spans.find((x) => x.doc === doc);
      return el("td", { class: c.verdict === "conflict" ? `p${i % 5}` : c.verdict === "agree" ? "agree" : "" }, spanLink(s, p.value));
    };
    return el("tr", { class: c.verdict },
      el("th", { scope: "row" }, el("a", { href: `#/story/${ctx.id}/conflict/${c.id}` }, c.topic || c.id), " ", el("span", { class: `badge ${c.verdict}` }, c.verdict)),
      cols.map((x) => cell(x.id)));
  });
  return el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": "Claims matrix" },
    el("table", { class: "matrix" }, el("thead", {}, head), el("tbody", {}, body)));
}

function roster(ctx) {
  const es = ctx.d.entities.filter((e) => !filters.text || [e.name, ...e.aliases].join(" ").toLowerCase().includes(filters.text));
  if (!es.length) return el("p", { class: "muted" }, "No entities match.");
  return el("ul", { class: "roster" }, es.map((e) => el("li", { class: "card", id: `entity-${e.id}` },
    el("h3", {}, e.name, " ", el("span", { class: "badge" }, e.kind)),
    el("p", { class: "muted" }, `${e.mentions.length} mentions`, e.place ? ` · ${e.place.name}, ${e.place.country} (${e.place.lat.toFixed(2)}, ${e.place.lon.toFixed(2)})` : ""),
    e.aliases.length ? el("p", {}, "Also: ", e.aliases.join(" · ")) : null,
    e.evidence.length ? el("details", {}, el("summary", {}, `Why these names are one (${e.evidence.length})`),
      el("ul", {}, e.evidence.map((ev) => el("li", {}, el("b", {}, ev.alias), ": ", ev.reason, ev.span ? [" — ", spanLink(ev.span)] : null,
        token() && ev.alias !== e.name ? [" ", el("button", { type: "button", class: "action", onclick: () => veto(ctx, e.name, ev.alias) }, "Not the same")] : null)))) : null)));
}

// ---------- document page ----------

async function docPage(id, range) {
  const v = await api(`/api/documents/${encodeURIComponent(id)}`);
  const x = v.document;
  document.title = `${x.title || x.source} — corroborate`;
  const chars = Array.from(x.text);
  let start = -1, end = -1;
  const m = /^(\d+)-(\d+)$/.exec(range || "");
  if (m) { start = +m[1]; end = +m[2]; }
  const text = el("div", { class: "doc-text", id: "doc-text" });
  if (start >= 0 && end >= start && end <= chars.length) {
    text.append(chars.slice(0, start).join(""), el("mark", { class: "hl", id: "hl", tabindex: "-1" }, chars.slice(start, end).join("")), chars.slice(end).join(""));
  } else {
    text.append(x.text);
  }
  const back = v.story ? el("a", { href: `#/story/${v.story}` }, "← The story") : el("a", { href: "#/" }, "← All stories");
  show(el("p", {}, back),
    el("h1", {}, x.title || x.source),
    el("p", { class: "muted" }, [x.outlet, x.author, x.published].filter(Boolean).join(" · "),
      x.url ? [" · ", el("a", { href: x.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : null),
    el("p", { class: "muted" }, `${v.quotes.length} quotes · ${v.claims.length} claims · ${v.mentions.length} entity mentions`),
    text);
  const hl = document.getElementById("hl");
  if (hl) { hl.scrollIntoView({ block: "center" }); hl.focus({ preventScroll: true }); } else focusMain();
}

// ---------- writes (with a token) ----------

function token() { return sessionStorage.getItem("corroborate-token") || ""; }

function tokenDialog() {
  const input = el("input", { type: "password", name: "token", autocomplete: "off", value: token() });
  const dlg = el("dialog", { "aria-label": "Write token" },
    el("form", { method: "dialog" },
      el("p", {}, "Writes (overrides, uploads) need the server's token. It is kept in this tab only."),
      el("label", {}, "Token ", input),
      el("p", {}, el("button", { class: "action", value: "save" }, "Save"), " ", el("button", { class: "action", value: "cancel" }, "Cancel"))));
  dlg.addEventListener("close", () => {
    if (dlg.returnValue === "save") { sessionStorage.setItem("corroborate-token", input.value.trim()); route(); }
    dlg.remove();
  });
  document.body.append(dlg);
  dlg.showModal();
}

async function veto(ctx, a, b) {
  const res = await fetch("/api/overrides", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token()}` },
    body: JSON.stringify({ veto: [[a, b]] }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) { alertLine((body.error && body.error.message) || res.statusText); return; }
  cache.clear();
  route();
}

function alertLine(msg) {
  main().prepend(el("p", { class: "error", role: "alert" }, msg));
}
