// Makes crates/server/assets/world.json, the offline world layer of the web UI's map, from npm
// world-atlas 2.0.2 (Natural Earth 1:110m countries, public domain; world-atlas ISC): the
// TopoJSON arcs decoded and every country drawn as one SVG path in an equirectangular
// projection (x = lon + 180, y = 90 - lat, 0.1-degree steps). Same input, same bytes out.
// usage: cd scripts/serve/world && npm ci && node make-world.mjs
import { readFileSync, writeFileSync } from "node:fs";

const topo = JSON.parse(readFileSync("node_modules/world-atlas/countries-110m.json", "utf8"));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;
// Arcs are quantized and delta-encoded.
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
});
const ring = (ids) => {
  const pts = [];
  for (const i of ids) {
    const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    pts.push(...(pts.length ? a.slice(1) : a));
  }
  return pts;
};
const r1 = (v) => Math.round(v * 10) / 10;
const path = (rings) => rings.map((ids) => {
  let last = "";
  const cmds = [];
  for (const [lon, lat] of ring(ids)) {
    const p = `${r1(lon + 180)} ${r1(90 - lat)}`;
    if (p !== last) cmds.push(p);
    last = p;
  }
  return cmds.length > 2 ? "M" + cmds.join("L") + "Z" : "";
}).join("");
const countries = topo.objects.countries.geometries
  .map((g) => g.type === "Polygon" ? path(g.arcs) : g.type === "MultiPolygon" ? g.arcs.map(path).join("") : "")
  .filter(Boolean);
const out = {
  source: "world-atlas 2.0.2 countries-110m (Natural Earth 1:110m, public domain; world-atlas ISC, Copyright 2013-2019 Michael Bostock)",
  projection: "equirectangular: x = longitude + 180, y = 90 - latitude",
  width: 360,
  height: 180,
  countries,
};
writeFileSync("../../../crates/server/assets/world.json", JSON.stringify(out) + "\n");
console.log(`${countries.length} countries`);
