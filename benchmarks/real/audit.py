"""Audit the claims themselves on the real development set, not only the findings they cause.

    python benchmarks/real/audit.py sample --claims /work/realdev/claims-first.json
    python benchmarks/real/audit.py score --claims /work/realdev/claims-first.json
    python benchmarks/real/audit.py reliability --claims /work/realdev/claims-first.json

A finding shows a misreading only where it meets a rule fact; the rest stay latent until a rule
or another article brings them out. `sample` draws claims at random (fixed seed, stratified by
kind and beat, so each kind and both beats are represented in proportion) and prints each with
its key, sentence and parts, to be judged by hand in claims-audit.yaml. `score` matches a claims
report (`claimcheck claims --format json`) to those judgements by key and prints how many are
right, per part and in full, the wrong parts by cause, and the claims that left or joined.

A key is `file:line:column:kind:target`: it names the place in the article text (which does not
change) and what was read there, never list positions, so a change elsewhere keeps it stable.
Exits 0 whatever the shares (a measurement, not a gate), 2 when it cannot read its inputs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

HERE = Path(__file__).resolve().parent
AUDIT = HERE / "claims-audit.yaml"
SOURCES = HERE / "sources.yaml"
PARTS = ("subject", "target", "period", "value")
MARKS = ("ok", "wrong", "n/a")
MODALITIES = ("assertion", "forecast", "target", "plan", "hope", "condition", "question")
SEED = 20261207
SIZE = 300

Claim = dict[str, Any]


class BadInput(Exception):
    """A claims report, audit file or article that cannot be read; main prints it on one line."""


@dataclass(frozen=True)
class Extracted:
    key: str
    beat: str
    path: Path
    claim: Claim


def claim_key(file: str, claim: Claim) -> str:
    return f"{file}:{claim['line']}:{claim['column']}:{claim['kind']}:{claim['target'] or '-'}"


def read_yaml(path: Path) -> Any:
    try:
        return YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise BadInput(f"{path}: cannot read ({err.strerror})") from None
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise BadInput(f"{path}{where}: not valid YAML") from None


def load_beats(path: Path = SOURCES) -> dict[str, str]:
    """File name -> 'vietnam-japan' or 'neighbour' (the beat's pair does not matter here)."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise BadInput(f"{path}: expected a mapping with 'articles'")
    beats: dict[str, str] = {}
    for entry in data.get("articles") or []:
        beat = str(entry.get("beat", ""))
        beats[str(entry["file"])] = "neighbour" if beat.startswith("neighbour") else beat
    return beats


def load_claims(path: Path, beats: dict[str, str]) -> list[Extracted]:
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        out: list[Extracted] = []
        # `articles` since claimcheck 0.2 (`documents` became a count); older reports kept
        for doc in report["articles"] if "articles" in report else report["documents"]:
            doc_path = Path(doc["path"])
            beat = beats.get(doc_path.name, "unknown")
            out.extend(
                Extracted(claim_key(doc_path.name, c), beat, doc_path, c) for c in doc["claims"]
            )
    except OSError as err:
        raise BadInput(f"{path}: cannot read ({err.strerror})") from None
    except (ValueError, KeyError, TypeError):
        raise BadInput(f"{path}: not a claimcheck claims JSON report") from None
    return out


def allocate(sizes: dict[tuple[str, str], int], total: int) -> dict[tuple[str, str], int]:
    """Proportional shares by largest remainder, at least one per stratum, never above its size."""
    whole = sum(sizes.values())
    if total >= whole:
        return dict(sizes)
    exact = {s: total * n / whole for s, n in sizes.items()}
    shares = {s: max(1, min(sizes[s], int(x))) for s, x in exact.items()}
    by_remainder = sorted(sizes, key=lambda s: (-(exact[s] - int(exact[s])), s))
    i = 0
    while sum(shares.values()) < total:
        s = by_remainder[i % len(by_remainder)]
        if shares[s] < sizes[s]:
            shares[s] += 1
        i += 1
    return shares


def draw(claims: Sequence[Extracted], total: int, seed: int) -> list[Extracted]:
    strata: dict[tuple[str, str], list[Extracted]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: c.key):
        strata[(c.claim["kind"], c.beat)].append(c)
    shares = allocate({s: len(v) for s, v in strata.items()}, total)
    rng = random.Random(seed)
    picked = [c for s in sorted(strata) for c in rng.sample(strata[s], shares[s])]
    return sorted(picked, key=lambda c: (c.path.name, c.claim["start"], c.key))


def describe_value(v: dict[str, Any] | None) -> str:
    if not v:
        return "-"
    hedge = f"{v['hedge']} " if v.get("hedge") else ""
    scale = f" {v['scale']}" if v.get("scale") else ""
    return f"{hedge}{v['digits']}{scale} {v['unit'] or '(no unit)'} [{v['low']}..{v['high']}]"


def describe_period(p: dict[str, Any] | None) -> str:
    return f"{p['start']}..{p['end']} ({p['kind']})" if p else "-"


def describe(claim: Claim, indent: str = "  ") -> list[str]:
    """The claim's parts as short lines; arithmetic parts follow, one level deeper."""
    attrs = ", ".join(f"{k}={v}" for k, v in claim.get("attrs") or [])
    lines = [
        f"{indent}text: {claim['text']!r}",
        f"{indent}subject={claim['subject']} target={claim['target']} "
        f"period={describe_period(claim.get('period'))}",
    ]
    extra = []
    if claim.get("value"):
        extra.append(f"value={describe_value(claim['value'])}")
    if claim.get("rank") is not None:
        extra.append(f"rank={claim['rank']}")
    if claim.get("date"):
        d = claim["date"]
        extra.append(f"date={d['year']}-{d.get('month') or '?'}-{d.get('day') or '?'}")
    if claim.get("modifiers"):
        extra.append(f"modifiers={','.join(claim['modifiers'])}")
    if attrs:
        extra.append(f"attrs: {attrs}")
    if extra:
        lines.append(indent + " ".join(extra))
    for part in claim.get("parts") or []:
        lines.extend(describe(part, indent + "    "))
    return lines


READ_ATTRS = ("part", "form", "years", "relation", "percent", "factor", "change")


def reading(claim: Claim) -> str:
    """What the claim read besides its key; a judgement holds only while this stays the same."""
    period = claim.get("period")
    bits = [
        f"subject={claim['subject'] or '-'}",
        f"period={period['start']}..{period['end']}" if period else "period=-",
    ]
    value = claim.get("value")
    if value:
        written = (value.get("hedge"), value["digits"], value.get("scale"), value["unit"])
        bits.append("value=" + "_".join(str(x) for x in written if x))
    if claim.get("rank") is not None:
        bits.append(f"rank={claim['rank']}")
    if claim.get("modifiers"):
        bits.append("modifiers=" + ",".join(claim["modifiers"]))
    bits += [f"{k}={v}" for k, v in claim.get("attrs") or [] if k in READ_ATTRS]
    for part in claim.get("parts") or []:
        digits = part["value"]["digits"] if part.get("value") else "-"
        bits.append(f"part={part['target'] or '-'}:{digits}")
    return " ".join(bits)


def sentence_of(c: Extracted, texts: dict[Path, str]) -> str:
    if c.path not in texts:
        try:
            texts[c.path] = c.path.read_text(encoding="utf-8")
        except OSError as err:
            raise BadInput(f"{c.path}: cannot read the article ({err.strerror})") from None
    start, end = c.claim["sentence"]
    return re.sub(r"\s+", " ", texts[c.path][start:end]).strip()


def sample(args: argparse.Namespace) -> None:
    claims = load_claims(args.claims, load_beats())
    picked = draw(claims, args.size, args.seed)
    if args.articles:
        claims = [Extracted(c.key, c.beat, args.articles / c.path.name, c.claim) for c in claims]
        picked = [Extracted(c.key, c.beat, args.articles / c.path.name, c.claim) for c in picked]
    strata = Counter((c.claim["kind"], c.beat) for c in picked)
    print(f"# {len(picked)} of {len(claims)} claims, seed {args.seed}")
    print("# " + ", ".join(f"{k}/{b} {n}" for (k, b), n in sorted(strata.items())))
    texts: dict[Path, str] = {}
    for c in picked:
        print(f"\n{c.key}  [{c.beat}]")
        print(f"  sentence: {sentence_of(c, texts)}")
        print("\n".join(describe(c.claim)))
        print(f"  reading: {reading(c.claim)}")
    if args.unsampled:
        chosen = {c.key for c in picked}
        print("\n# not sampled")
        for key in sorted(c.key for c in claims if c.key not in chosen):
            print(key)


@dataclass(frozen=True)
class Judgement:
    key: str
    kind: str
    marks: dict[str, str]
    modality: str
    cause: str
    reading: str | None  # what was judged; None: judged before readings were kept

    @property
    def right(self) -> bool:
        return all(self.marks[p] != "wrong" for p in PARTS)


def load_audit(path: Path) -> tuple[list[Judgement], set[str]]:
    """The judgements and the first run's keys that were not drawn (not new, only unaudited)."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise BadInput(f"{path}: expected a mapping with a 'claims' list")
    out = []
    for n, e in enumerate(data["claims"], 1):
        if not isinstance(e, dict) or any(k not in e for k in ("key", "kind", *PARTS)):
            raise BadInput(f"{path}: claims entry {n} lacks key, kind or a part's mark")
        bad = [p for p in PARTS if e[p] not in MARKS]
        if bad:
            raise BadInput(f"{path}: claims entry {n} ({e['key']}): {bad[0]} is not ok|wrong|n/a")
        if e.get("modality", "assertion") not in MODALITIES:
            raise BadInput(f"{path}: claims entry {n} ({e['key']}): unknown modality")
        marks = {p: str(e[p]) for p in PARTS}
        cause = str(e.get("cause") or ("unstated" if "wrong" in marks.values() else ""))
        seen = str(e["reading"]) if "reading" in e else None
        modality = str(e.get("modality", "assertion"))
        out.append(Judgement(str(e["key"]), str(e["kind"]), marks, modality, cause, seen))
    return out, {str(k) for k in data.get("not_sampled") or []}


def share(n: int, whole: int) -> str:
    return f"{n}/{whole} = {100 * n / whole:.1f} %" if whole else "0/0"


def table(rows: Iterable[Sequence[object]], head: Sequence[str]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    return lines + ["| " + " | ".join(str(x) for x in row) + " |" for row in rows]


def score(args: argparse.Namespace) -> None:
    judged, unsampled = load_audit(args.audit)
    extracted = {c.key: c for c in load_claims(args.claims, load_beats())}
    kept = [j for j in judged if j.key in extracted]
    changed = [j for j in kept if j.reading not in (None, reading(extracted[j.key].claim))]
    found = [j for j in kept if j not in changed]
    gone = [j for j in judged if j.key not in extracted]
    audited = {j.key for j in judged}
    new = sorted(k for k in extracted if k not in audited and k not in unsampled)
    print(f"audited claims still extracted: {len(kept)} of {len(judged)}")
    print(f"read as when judged (the shares below count these): {len(found)}")
    print(f"right in every part: {share(sum(j.right for j in found), len(found))}")
    facts = [j for j in found if j.modality == "assertion"]
    print(f"right in every part and an assertion: {share(sum(j.right for j in facts), len(found))}")
    print("\nper part (claims where the part applies):")
    for p in PARTS:
        applies = [j for j in found if j.marks[p] != "n/a"]
        print(f"  {p}: {share(sum(j.marks[p] == 'ok' for j in applies), len(applies))}")
    print("\nper beat:")
    for beat, n in sorted(Counter(extracted[j.key].beat for j in found).items()):
        ok = sum(j.right for j in found if extracted[j.key].beat == beat)
        print(f"  {beat}: {share(ok, n)} right")
    print("\nper kind:")
    for kind, n in sorted(Counter(j.kind for j in found).items()):
        ok = sum(j.right for j in found if j.kind == kind)
        print(f"  {kind}: {share(ok, n)} right")
    print(
        "\nmodality: "
        + ", ".join(f"{m} {n}" for m, n in sorted(Counter(j.modality for j in found).items()))
    )
    print("\nwrong parts by cause:")
    causes: dict[str, Counter[str]] = defaultdict(Counter)
    for j in found:
        if not j.right:
            causes[j.cause]["claims"] += 1
            causes[j.cause].update(p for p in PARTS if j.marks[p] == "wrong")
    rows = sorted(causes.items(), key=lambda kv: (-kv[1]["claims"], kv[0]))
    body = [(cause, c["claims"], *(c[p] for p in PARTS)) for cause, c in rows]
    print("\n".join(table(body, ("cause", "claims", *PARTS))))
    print(f"\naudited claims read differently since judged, to judge again ({len(changed)}):")
    for j in changed:
        print(f"  {j.key}\n    judged: {j.reading}\n    now:    {reading(extracted[j.key].claim)}")
    print(f"\naudited claims no longer extracted ({len(gone)}):")
    for j in gone:
        print(f"  {j.key}")
    print(f"\nextracted claims matching no audited key, unjudged ({len(new)}):")
    for key in new:
        print(f"  {key}")


def inferences(claim: Claim) -> dict[str, str]:
    """What claimcheck's certainty grading says the claim inferred (claimcheck.judge.certainty),
    read from its JSON form."""
    import datetime as dt

    from claimcheck.judge import certainty
    from claimcheck.model.claims import Claim as Read
    from claimcheck.model.dates import PartialDate, Period

    p, d = claim["period"], claim["date"]
    read = Read(
        claim["kind"],
        claim["start"],
        claim["end"],
        claim["text"],
        period=None
        if p is None
        else Period(dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"]), p["kind"]),
        date=None if d is None else PartialDate(d["year"], d["month"], d["day"]),
        attrs=tuple((str(k), str(v)) for k, v in claim["attrs"]),
    )
    return certainty.inferred(read)


def reliability(args: argparse.Namespace) -> None:
    """How often each inference rule (claim kind, part, how) gave the part right, over the
    audited claims that used it: the table of docs/checks.md, and what RELIABLE rests on."""
    judged, _ = load_audit(args.audit)
    extracted = {c.key: c for c in load_claims(args.claims, load_beats())}
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for j in judged:
        if j.key not in extracted or j.reading not in (None, reading(extracted[j.key].claim)):
            continue
        for part, how in inferences(extracted[j.key].claim).items():
            if j.marks.get(part, "n/a") != "n/a":
                counts[(j.kind, part, how)][0] += j.marks[part] == "ok"
                counts[(j.kind, part, how)][1] += 1
    rows = [(*k, share(ok, n)) for k, (ok, n) in sorted(counts.items())]
    print("\n".join(table(rows, ("kind", "part", "inferred from", "right"))))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="draw claims to judge and print them")
    s.add_argument("--claims", type=Path, required=True, help="claimcheck claims JSON report")
    s.add_argument("--size", type=int, default=SIZE)
    s.add_argument("--seed", type=int, default=SEED)
    s.add_argument("--articles", type=Path, help="read the texts here, not at the report's paths")
    s.add_argument("--unsampled", action="store_true", help="also list the keys not drawn")
    c = sub.add_parser("score", help="match a claims report to the judgements")
    c.add_argument("--claims", type=Path, required=True, help="claimcheck claims JSON report")
    c.add_argument("--audit", type=Path, default=AUDIT)
    r = sub.add_parser("reliability", help="how often each inference rule reads its part right")
    r.add_argument("--claims", type=Path, required=True, help="claimcheck claims JSON report")
    r.add_argument("--audit", type=Path, default=AUDIT)
    args = parser.parse_args(argv)
    commands = {"sample": sample, "score": score, "reliability": reliability}
    try:
        commands[args.command](args)
    except BadInput as err:
        print(f"audit: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
