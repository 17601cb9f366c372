#!/usr/bin/env python3
"""Score geo_entities() predictions against document-level gold annotations.

Usage:
  eval_entities.py --gold GOLD [--gold GOLD2 ...] [--pred PRED ...]
                   [--field countries[,orgs...]] [--min-f1 FIELD=X ...] [--details N]
  eval_entities.py --gold GOLD [--gold GOLD2 ...] --export-texts OUT.tsv

Gold formats (detected by extension):
  *.jsonl  one JSON object a line: id, text, countries, countries_via_person (optional), orgs,
           blocs, persons (ids, or objects {"id": ..., "country": ...}).
  *.tsv    header row with columns file, countries, orgs, blocs, persons (and optionally
           countries_via_person); lists are comma-separated; the text of each row is the file
           <folder of the TSV>/<file>, and the document id is <file>.

Predictions (JSONL, default stdin, or '-'): {"id": ..., "entities": [...]} a line, optionally
with "file" (the gold path it belongs to, needed only when ids repeat across gold files),
"mentions" ([[entity, surface], ...], shown next to false positives) and "error" (a message
when geo_entities failed on that document).  --pred may be given once (all gold files) or once
per --gold (paired in order).

Predicted ids are split into fields: GLOBAL_SOUTH and WEST are blocs; an all-lower-case id is a
person; exactly three upper-case letters is a country, unless it is a known organisation
acronym (WHO, ICC, SCO ...; every org id of the gold files counts as known); any other id is an
organisation.  Gold countries = countries + countries_via_person (geo_entities adds a person's
state).  Scores are micro-averaged over documents: TP, FP and FN of the per-document id sets are
summed.  A field with no gold and no prediction in a whole file is reported as n/a.

--min-f1 FIELD=X (repeatable) exits with status 1 when FIELD's F1 is below X in any gold file
(n/a fields are not checked).  Exit status 2: bad usage or unreadable input.

Python 3 standard library only.
"""

import argparse
import base64
import collections
import csv
import json
import os
import re
import sys

FIELDS = ("countries", "orgs", "blocs", "persons")
BLOCS = {"GLOBAL_SOUTH", "WEST"}

# ISO 3166-1 alpha-3, the 249 assigned codes, plus Kosovo's user-assigned XKX.  Used only to
# warn about predicted "country" ids that are not country codes.
ISO3 = set("""
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR
BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG
COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH
FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL
MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU
SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA
TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
VIR VNM VUT WLF WSM XKX YEM ZAF ZMB ZWE
""".split())

# Three-letter organisation ids that would otherwise look like countries.  None is an ISO code.
ORG3 = set("""
AU EU UN SCO WHO WTO IMF ICC ICJ FAO ILO IOM IEA OAS OIC OIF CIS CSTO EAC ECB EIB EBU BIS AfDB
ADB AIIB NDB CTBTO OSCE IFAD ITU UPU WMO WFP IMO IPU ECO GCC SAARC PIF CARICOM IDB
""".split())

_ISO_LIKE = re.compile(r"^[A-Z]{3}$")


def die(msg):
    print("eval_entities: " + msg, file=sys.stderr)
    sys.exit(2)


def warn(msg):
    print("warning: " + msg, file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Gold


def _ids(value, what, where):
    """A gold list: ids (strings) or objects with an "id"; None/missing is empty."""
    if value is None:
        return set()
    if isinstance(value, str):  # tolerate "A,B"
        return {v.strip() for v in value.split(",") if v.strip()}
    if not isinstance(value, list):
        die("%s: field %s is not a list" % (where, what))
    out = set()
    for v in value:
        if isinstance(v, dict):
            v = v.get("id")
        if not isinstance(v, str) or not v.strip():
            die("%s: field %s has an item without an id: %r" % (where, what, v))
        out.add(v.strip())
    return out


class Doc:
    __slots__ = ("id", "text", "title", "lang", "gold")

    def __init__(self, id_, text, title, lang, gold):
        self.id, self.text, self.title, self.lang, self.gold = id_, text, title, lang, gold


def jsonl_objects(f, name):
    """(where, object) for each non-blank line of f, an object with an id, or die."""
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        where = "%s:%d" % (name, n)
        try:
            d = json.loads(line)
        except ValueError as e:
            die("%s: bad JSON: %s" % (where, e))
        if not isinstance(d, dict) or "id" not in d:
            die("%s: not an object with an id" % where)
        yield where, d


def load_gold_jsonl(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for where, d in jsonl_objects(f, path):
            if not isinstance(d.get("text"), str):
                die("%s: no text" % where)
            gold = {
                "countries": _ids(d.get("countries"), "countries", where)
                | _ids(d.get("countries_via_person"), "countries_via_person", where),
                "orgs": _ids(d.get("orgs"), "orgs", where),
                "blocs": _ids(d.get("blocs"), "blocs", where),
                "persons": _ids(d.get("persons"), "persons", where),
            }
            docs.append(Doc(str(d["id"]), d["text"], d.get("title") or "", d.get("lang") or "", gold))
    return docs


def load_gold_tsv(path):
    folder = os.path.dirname(os.path.abspath(path))
    docs = []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    rows = [r for r in rows if r and not (len(r) == 1 and not r[0].strip()) and not r[0].startswith("#")]
    if not rows:
        die("%s: empty" % path)
    header = [h.strip() for h in rows[0]]
    if "file" not in header:
        die("%s: the header has no 'file' column" % path)
    col = {h: i for i, h in enumerate(header)}
    for n, r in enumerate(rows[1:], 2):
        where = "%s:%d" % (path, n)
        get = lambda name: r[col[name]] if name in col and col[name] < len(r) else ""
        name = get("file").strip()
        if not name:
            die("%s: no file name" % where)
        try:
            with open(os.path.join(folder, name), encoding="utf-8", newline="") as t:
                text = t.read()
        except OSError as e:
            die("%s: cannot read the text: %s" % (where, e))
        except UnicodeDecodeError as e:
            die("%s: text is not UTF-8: %s" % (where, e))
        gold = {
            "countries": _ids(get("countries"), "countries", where)
            | _ids(get("countries_via_person"), "countries_via_person", where),
            "orgs": _ids(get("orgs"), "orgs", where),
            "blocs": _ids(get("blocs"), "blocs", where),
            "persons": _ids(get("persons"), "persons", where),
        }
        title = text.strip().split("\n", 1)[0][:80] if text.strip() else ""
        lang = name.split("-")[1] if name.count("-") >= 2 else ""
        docs.append(Doc(name, text, title, lang, gold))
    return docs


def load_gold(path):
    low = path.lower()
    if low.endswith(".tsv"):
        docs = load_gold_tsv(path)
    elif low.endswith(".jsonl") or low.endswith(".json") or low.endswith(".ndjson"):
        docs = load_gold_jsonl(path)
    else:
        die("%s: unknown gold format (expected .jsonl or .tsv)" % path)
    seen = set()
    for d in docs:
        if d.id in seen:
            die("%s: duplicate document id %r" % (path, d.id))
        seen.add(d.id)
    if not docs:
        die("%s: no documents" % path)
    return docs


# ---------------------------------------------------------------------------------------------
# Predictions


def classify(entity, org_ids):
    if entity in BLOCS:
        return "blocs"
    if entity in org_ids:
        return "orgs"
    if entity == entity.lower() and any(c.isalpha() for c in entity):
        return "persons"
    if _ISO_LIKE.match(entity):
        return "countries"
    return "orgs"


def read_pred_lines(path):
    f = sys.stdin if path == "-" else open(path, encoding="utf-8")
    try:
        for where, p in jsonl_objects(f, "<stdin>" if path == "-" else path):
            ents = p.get("entities")
            if ents is None:
                ents = []
            if not isinstance(ents, list) or not all(isinstance(e, str) for e in ents):
                die("%s: entities is not a list of strings" % where)
            yield p
    finally:
        if f is not sys.stdin:
            f.close()


# ---------------------------------------------------------------------------------------------
# Scoring


def fmt_ratio(num, den):
    return "%.3f" % (num / den) if den else "-"


def score_file(docs, preds, fields, org_ids):
    """Per field: tp, fp, fn, gold, pred counts; per doc: errors."""
    tot = {f: collections.Counter() for f in fields}
    per_doc = []
    fp_ids = {f: collections.Counter() for f in fields}
    fn_ids = {f: collections.Counter() for f in fields}
    odd = collections.Counter()
    for d in docs:
        p = preds.get(d.id)
        pred = {f: set() for f in FIELDS}
        surfaces = collections.defaultdict(set)
        if p is not None:
            for e in p.get("entities") or []:
                k = classify(e, org_ids)
                pred[k].add(e)
                if k == "countries" and e not in ISO3:
                    odd[e] += 1
            for m in p.get("mentions") or []:
                if isinstance(m, (list, tuple)) and len(m) >= 2:
                    surfaces[str(m[0])].add(str(m[1]))
        errs = {}
        for f in fields:
            g, pr = d.gold[f], pred[f]
            tp, fp, fn = g & pr, pr - g, g - pr
            c = tot[f]
            c["tp"] += len(tp)
            c["fp"] += len(fp)
            c["fn"] += len(fn)
            c["gold"] += len(g)
            c["pred"] += len(pr)
            c["docs"] += 1
            c["gold_docs"] += bool(g)
            fp_ids[f].update(fp)
            fn_ids[f].update(fn)
            errs[f] = (sorted(fp), sorted(fn))
        per_doc.append((d, errs, surfaces, p))
    return tot, per_doc, fp_ids, fn_ids, odd


def f1_of(c):
    den = 2 * c["tp"] + c["fp"] + c["fn"]
    return (2 * c["tp"] / den) if den else None


def print_table(tot, fields):
    print("  %-10s %5s %5s %5s %5s %5s %5s %5s %7s %7s %7s" %
          ("field", "docs", "w/gold", "gold", "pred", "TP", "FP", "FN", "prec", "recall", "F1"))
    for f in fields:
        c = tot[f]
        if c["gold"] == 0 and c["pred"] == 0:
            print("  %-10s %5d %5d %5d %5d %5d %5d %5d %7s %7s %7s" %
                  (f, c["docs"], 0, 0, 0, 0, 0, 0, "n/a", "n/a", "n/a"))
            continue
        f1 = f1_of(c)
        print("  %-10s %5d %5d %5d %5d %5d %5d %5d %7s %7s %7s" % (
            f, c["docs"], c["gold_docs"], c["gold"], c["pred"], c["tp"], c["fp"], c["fn"],
            fmt_ratio(c["tp"], c["tp"] + c["fp"]), fmt_ratio(c["tp"], c["tp"] + c["fn"]),
            "%.3f" % f1 if f1 is not None else "-"))


def short(s, n):
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def print_details(per_doc, fields, n):
    ranked = []
    for d, errs, surfaces, p in per_doc:
        bad = sum(len(errs[f][0]) + len(errs[f][1]) for f in fields)
        if bad or (p is not None and p.get("error")):
            ranked.append((-bad, d.id, d, errs, surfaces, p))
    ranked.sort(key=lambda r: (r[0], r[1]))
    if not ranked:
        print("  (no errors)")
        return
    for _, _, d, errs, surfaces, p in ranked[:n]:
        nfp = sum(len(errs[f][0]) for f in fields)
        nfn = sum(len(errs[f][1]) for f in fields)
        head = "  %s  FP %d  FN %d" % (d.id, nfp, nfn)
        if d.lang:
            head += "  [%s]" % d.lang
        if d.title:
            head += "  " + short(d.title, 70)
        print(head)
        if p is not None and p.get("error"):
            print("      ERROR: %s" % short(str(p["error"]), 200))
        for f in fields:
            fp, fn = errs[f]
            if not fp and not fn:
                continue
            fps = []
            for e in fp:
                s = sorted(surfaces.get(e, ()))
                fps.append(e + ("(" + "|".join(short(x, 30) for x in s[:4]) + ")" if s else ""))
            print("      %-9s FP: %-40s FN: %s" % (f, " ".join(fps) or "-", " ".join(fn) or "-"))
    if len(ranked) > n:
        print("  … %d more documents with errors (--details N to see more)" % (len(ranked) - n))


def print_frequent(fp_ids, fn_ids, fields, k=12):
    for f in fields:
        if not fp_ids[f] and not fn_ids[f]:
            continue
        fp = " ".join("%s×%d" % (e, c) for e, c in fp_ids[f].most_common(k)) or "-"
        fn = " ".join("%s×%d" % (e, c) for e, c in fn_ids[f].most_common(k)) or "-"
        print("  %-9s FP: %s" % (f, fp))
        print("  %-9s FN: %s" % ("", fn))


# ---------------------------------------------------------------------------------------------


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Score geo_entities() predictions against document-level gold.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--gold", action="append", required=True, metavar="GOLD",
                    help="gold file (.jsonl or .tsv); repeatable")
    ap.add_argument("--pred", action="append", metavar="PRED",
                    help="predictions JSONL ('-' = stdin, the default); once, or once per --gold")
    ap.add_argument("--field", action="append", metavar="FIELD",
                    help="restrict the report to these fields (repeatable or comma-separated)")
    ap.add_argument("--min-f1", action="append", default=[], metavar="FIELD=X",
                    help="exit 1 if FIELD's F1 is below X in any gold file; repeatable")
    ap.add_argument("--details", type=int, default=10, metavar="N",
                    help="show the N worst documents per file (default 10; 0: none)")
    ap.add_argument("--export-texts", metavar="OUT.tsv",
                    help="write the gold texts for COPY (tab-separated, base64 columns: gold "
                         "path, id, text) and exit")
    return ap.parse_args(argv)


def main(argv=None):
    a = parse_args(argv)
    fields = []
    for spec in a.field or []:
        for f in spec.split(","):
            f = f.strip()
            if f not in FIELDS:
                die("unknown field %r (expected one of %s)" % (f, ", ".join(FIELDS)))
            if f not in fields:
                fields.append(f)
    fields = [f for f in FIELDS if f in fields] if fields else list(FIELDS)
    thresholds = []
    for spec in a.min_f1:
        m = re.match(r"^\s*(\w+)\s*=\s*([0-9]*\.?[0-9]+)\s*$", spec)
        if not m or m.group(1) not in FIELDS:
            die("bad --min-f1 %r (expected FIELD=X, FIELD one of %s)" % (spec, ", ".join(FIELDS)))
        thresholds.append((m.group(1), float(m.group(2))))
    if a.details < 0:
        die("--details must be >= 0")

    golds = []
    for path in a.gold:
        try:
            golds.append((path, load_gold(path)))
        except OSError as e:
            die("cannot read %s: %s" % (path, e))

    if a.export_texts:
        # Base64 in every column: safe for COPY in text format whatever the text holds
        # (tabs, quotes, backslashes, newlines, a line holding only backslash-period, which
        # psql takes for the end of the data even inside a quoted CSV field).
        nul = 0
        b64 = lambda s: base64.b64encode(s.encode("utf-8")).decode("ascii")
        with open(a.export_texts, "w", encoding="ascii", newline="\n") as out:
            for path, docs in golds:
                for d in docs:
                    text = d.text
                    if "\x00" in text:  # PostgreSQL text cannot hold NUL
                        nul += 1
                        text = text.replace("\x00", " ")
                    out.write("%s\t%s\t%s\n" % (b64(os.path.abspath(path)), b64(d.id), b64(text)))
        if nul:
            warn("%d texts had NUL characters, replaced by spaces" % nul)
        return 0

    pred_paths = a.pred or ["-"]
    if len(pred_paths) not in (1, len(golds)):
        die("give --pred once, or once per --gold (%d gold, %d pred)" % (len(golds), len(pred_paths)))
    if pred_paths.count("-") > 1:
        die("only one --pred can be stdin")

    # Known org ids: built-in three-letter acronyms plus every org of the gold files.
    org_ids = set(ORG3)
    for _, docs in golds:
        for d in docs:
            org_ids |= d.gold["orgs"]

    # Predictions per gold file, by id.
    preds = [dict() for _ in golds]
    by_path = {}
    for i, (path, _) in enumerate(golds):
        by_path.setdefault(os.path.abspath(path), i)
        by_path.setdefault(path, i)
    id_owner = collections.defaultdict(list)
    for i, (_, docs) in enumerate(golds):
        for d in docs:
            id_owner[d.id].append(i)
    unknown = []
    dup = 0
    if len(pred_paths) == 1:
        for p in read_pred_lines(pred_paths[0]):
            pid = str(p["id"])
            owners = id_owner.get(pid, [])
            if "file" in p and p["file"] is not None:
                f = str(p["file"])
                i = by_path.get(f, by_path.get(os.path.abspath(f)))
                owners = [i] if i is not None and i in owners else []
            elif len(owners) > 1:
                die("id %r is in several gold files: give \"file\" in the predictions, "
                    "or one --pred per --gold" % pid)
            if not owners:
                unknown.append(pid)
                continue
            if pid in preds[owners[0]]:
                dup += 1
            preds[owners[0]][pid] = p
    else:
        for i, pp in enumerate(pred_paths):
            ids = {d.id for d in golds[i][1]}
            for p in read_pred_lines(pp):
                pid = str(p["id"])
                if pid not in ids:
                    unknown.append(pid)
                    continue
                if pid in preds[i]:
                    dup += 1
                preds[i][pid] = p
    if unknown:
        warn("%d predictions have ids not in the gold (ignored): %s" %
             (len(unknown), " ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")))
    if dup:
        warn("%d duplicate predictions (the last one was kept)" % dup)

    failed = []
    all_tot = {f: collections.Counter() for f in fields}
    for i, (path, docs) in enumerate(golds):
        tot, per_doc, fp_ids, fn_ids, odd = score_file(docs, preds[i], fields, org_ids)
        missing = [d.id for d in docs if d.id not in preds[i]]
        errors = [d.id for d in docs if d.id in preds[i] and preds[i][d.id].get("error")]
        print("== %s: %d documents" % (path, len(docs)), end="")
        if missing:
            print(", %d WITHOUT PREDICTION (scored as empty)" % len(missing), end="")
        if errors:
            print(", %d where geo_entities FAILED" % len(errors), end="")
        print()
        print_table(tot, fields)
        if odd:
            print("  note: predicted 3-letter ids that are not ISO 3166-1 alpha-3: " +
                  " ".join("%s×%d" % kv for kv in odd.most_common()))
        if a.details:
            print("  -- most frequent errors (id×documents)")
            print_frequent(fp_ids, fn_ids, fields)
            print("  -- worst documents (most FP+FN over: %s)" % ", ".join(fields))
            print_details(per_doc, fields, a.details)
        print()
        for f in fields:
            for k, v in tot[f].items():
                all_tot[f][k] += v
        for f, x in thresholds:
            if f not in fields:
                continue
            c = tot[f]
            if c["gold"] == 0 and c["pred"] == 0:
                print("note: %s: %s is n/a, --min-f1 %s=%g not checked" % (path, f, f, x))
                continue
            f1 = f1_of(c) or 0.0
            if f1 < x:
                failed.append("%s: %s F1 %.3f < %.3f" % (path, f, f1, x))
    if len(golds) > 1:
        print("== all %d files: %d documents" % (len(golds), sum(len(d) for _, d in golds)))
        print_table(all_tot, fields)
        print()
    for f, x in thresholds:
        if f not in fields:
            warn("--min-f1 %s=%g ignored: field not in the report" % (f, x))
    if failed:
        for msg in failed:
            print("FAIL " + msg)
        return 1
    if thresholds:
        print("PASS all --min-f1 thresholds")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # | head
        sys.stderr.close()
        sys.exit(1)
