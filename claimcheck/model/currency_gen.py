"""Writes claimcheck/model/currency_table.json: ISO 4217 currencies as news writes them, from
babel's CLDR data and the English-news forms of currency_english.tsv.

The table: CODES, the codes tender in some territory; WRITTEN, written form (lower case, spaces
single) → the code it is read as, or "" when it has no default; AMBIGUOUS, such a form → the codes
it may stand for (a rule file's `currencies` or the metric's unit decides); PREFIX, the forms
written before a number ("R$", "Rs"), longest first; NAMES, those written after it ("reais"),
with their FIRST_WORDS and the most words one has. JSON, not Python: a run reads it in a
millisecond, where a module of it took 12 ms to compile wherever bytecode is not kept, and
computes nothing from it.

babel is a development tool here, never imported by a run: loading its locale data costs more
than a git hook may spend, and the table it gives changes only with CLDR. Run
`python -m claimcheck.model.currency_gen` after editing the TSV or upgrading babel;
tests/test_currencies.py fails while the written table differs from what this makes.

What is read: every code tender in some territory today; the symbols with a currency sign of
every locale (a symbol of letters, "Rs" or "RM", from the English locales alone: elsewhere such
letters are words of other languages); the English names, singular and plural, and their last
word alone ("dong", "pesos"). A form several currencies share is ambiguous: its default is the
TSV's, else the currency English (the `en` locale) writes it for ("$" is USD), else none.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
TABLE = HERE / "currency_table.json"
ENGLISH = HERE / "currency_english.tsv"
TODAY = dt.date(2026, 1, 1)  # fixed: the same babel gives the same table whenever it runs


def _sign(symbol: str) -> bool:
    """A symbol with a currency sign ("R$", "₹") or a single CJK character ("元"): read in any
    locale's data. Other symbols are letters, words of the locale's own language."""
    if any(unicodedata.category(c) == "Sc" for c in symbol):
        return True
    return len(symbol) == 1 and unicodedata.name(symbol, "").startswith("CJK")


def english() -> tuple[dict[str, str], set[str], dict[str, tuple[str, ...]]]:
    """The TSV's forms: (form → code, forms never read, form → the codes it may stand for)."""
    forms: dict[str, str] = {}
    never: set[str] = set()
    several: dict[str, tuple[str, ...]] = {}
    for line in ENGLISH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        form, code = line.split("\t")
        key = " ".join(form.lower().split())
        if code == "-":
            never.add(key)
        elif " " in code:
            several[key] = tuple(sorted(code.split()))
        else:
            forms[key] = code
    return forms, never, several


def build() -> dict[str, Any]:
    """CODES, DEFAULT and AMBIGUOUS as the module holds them."""
    from babel import Locale, localedata
    from babel.numbers import get_territory_currencies

    en = Locale("en")
    codes = sorted(
        {c for t in en.territories for c in get_territory_currencies(str(t), TODAY, tender=True)}
    )
    wanted = set(codes)
    seen: dict[str, set[str]] = {}

    def add(form: str, code: str) -> None:
        key = " ".join(form.lower().split())
        if key and "(" not in key and not any(unicodedata.category(c) == "Cf" for c in key):
            seen.setdefault(key, set()).add(code)

    english_default: dict[str, str] = {}
    symbols: set[str] = set()  # the forms that are symbols, written before a number
    in_english: set[str] = set()  # those of the English locales: their turned spellings are read
    for ident in sorted(localedata.locale_identifiers()):
        loc = Locale.parse(ident)
        is_english = loc.language == "en"
        for code, sym in sorted(loc.currency_symbols.items()):
            if code not in wanted or sym.upper() == code:
                continue
            if not _sign(sym) and not (is_english and len(sym.replace(".", "")) >= 2):
                continue
            add(sym, code)
            if " ".join(sym.lower().split()) in seen:
                symbols.add(" ".join(sym.lower().split()))
                if is_english:
                    in_english.add(" ".join(sym.lower().split()))
            if ident == "en":
                english_default.setdefault(" ".join(sym.lower().split()), code)
    for code in codes:
        add(code, code)
        names = [
            en.currencies.get(code, ""),
            *en._data["currency_names_plural"].get(code, {}).values(),
        ]
        for name in names:
            add(name, code)
            words = name.split()
            if len(words) > 1:
                add(words[-1], code)
    forms, never, several = english()
    default: dict[str, str] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for key, found in sorted(seen.items()):
        if key in never or key in several:
            continue
        if key in forms:
            default[key] = forms[key]
        elif len(found) == 1:
            default[key] = next(iter(found))
        elif key in english_default:
            default[key] = english_default[key]
        else:
            ambiguous[key] = tuple(sorted(found))
    for key, code in forms.items():
        default.setdefault(key, code)
    ambiguous.update(several)
    signs = {k for k in (*default, *ambiguous) if any(unicodedata.category(c) == "Sc" for c in k)}
    in_english.update(k for k in forms if k in signs)
    return _forms(codes, default, ambiguous, symbols.union(signs, several) - never, in_english)


def _forms(
    codes: list[str],
    default: dict[str, str],
    ambiguous: dict[str, tuple[str, ...]],
    symbols: set[str],
    english: set[str],
) -> dict[str, Any]:
    """What a run reads, worked out here so that it computes nothing: every written form with
    its code ("" for an ambiguous one), the turned spellings of English symbols too ("$us" for
    "us$": news in English writes them so);
    the forms written before a number, longest first; the names written after one, and their
    first words."""
    every = {**dict.fromkeys(ambiguous, ""), **default}
    sign_forms = sorted(f for f in symbols & english if _is_sign(f[-1]))
    turned = {t: every[f] for f in sign_forms for t in _turned(f) if t not in every}
    written = dict(sorted({**turned, **every}.items()))
    sign_chars = {c for f in symbols for c in f if not (c.isalnum() or c in " .")}
    names = sorted(
        k
        for k in written
        if (k not in symbols and sign_chars.isdisjoint(k)) or (len(k) == 1 and k.isalpha())
    )
    return {
        "CODES": codes,
        "WRITTEN": written,
        "AMBIGUOUS": {k: list(v) for k, v in sorted(ambiguous.items())},
        "PREFIX": sorted({*symbols, *turned}, key=lambda k: (-len(k), k)),
        "NAMES": names,
        "FIRST_WORDS": sorted({k.split()[0] for k in names}),
        "NAME_WORDS": max(len(k.split()) for k in names),
    }


def _is_sign(c: str) -> bool:
    """A character that is neither an ASCII letter, a space nor a dot: what makes "R$" a symbol."""
    return not (c.isascii() and (c.isalpha() or c in " ."))


def _turned(form: str) -> tuple[str, ...]:
    """The other ways English news writes a sign with letters ("us$"): the letters after the
    sign ("$us"), or either way with a space ("$ us", "us $"). With a space only for two letters
    or more: a lone letter there is a word ("A $5 billion loan", "$ a hundred")."""
    letters, sign = form[:-1], form[-1]
    if not letters or not letters.isascii() or not letters.replace(".", "").isalpha():
        return ()
    if sum(c.isalpha() for c in letters) < 2:
        return (f"{sign}{letters}",)
    return (f"{sign}{letters}", f"{sign} {letters}", f"{letters} {sign}")


def source(table: dict[str, Any]) -> str:
    """The file's text for a table: JSON, one entry a line, so that a change reads as a diff."""
    return json.dumps(table, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main() -> None:
    TABLE.write_text(source(build()), encoding="utf-8")


if __name__ == "__main__":
    main()
