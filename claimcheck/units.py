"""Units: currencies as written in English news; a pint registry with a dimension per currency.

Giving every currency its own pint dimension makes US$ and yen incommensurable unless a dated rate
from the rules converts one into the other: "19.5 million USD" vs "¥19.5 million" is a unit
mismatch, never a silent comparison. The registry is built once, on first use (it costs ~0.2 s, too
much for a hook that never compares units).

The symbols and codes below are English and ISO conventions, not newsroom knowledge, so they live
in code; a bare "$" is read as the US dollar, as English-language news does.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Written form (lower case) → ISO 4217 code.
CURRENCIES: dict[str, str] = {
    "us$": "USD",
    "u.s.$": "USD",
    "$": "USD",
    "usd": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "us dollar": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "¥": "JPY",
    "jpy": "JPY",
    "yen": "JPY",
    "japanese yen": "JPY",
    "vnd": "VND",
    "vnđ": "VND",
    "₫": "VND",
    "dong": "VND",
    "vietnamese dong": "VND",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pounds sterling": "GBP",
    "rmb": "CNY",
    "cny": "CNY",
    "yuan": "CNY",
    "₩": "KRW",
    "krw": "KRW",
    "₹": "INR",
    "inr": "INR",
    "rupees": "INR",
    "s$": "SGD",
    "sgd": "SGD",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "cad": "CAD",
    "hk$": "HKD",
    "hkd": "HKD",
    "nt$": "TWD",
    "twd": "TWD",
    "thb": "THB",
    "baht": "THB",
}

_SIGNS = "$¥₫€£₩₹"


def _turned(form: str) -> tuple[str, ...]:
    """The other ways English news writes a sign with letters ("us$"): the letters after the
    sign ("$us"), or either way with a space ("$ us", "us $"). With a space only for two letters
    or more: a lone letter there is a word ("A $5 billion loan", "$ a hundred")."""
    letters, sign = form[:-1], form[-1]
    if not letters:
        return ()
    if sum(c.isalpha() for c in letters) < 2:
        return (f"{sign}{letters}",)
    return (f"{sign}{letters}", f"{sign} {letters}", f"{letters} {sign}")


# Written form (lower case, spaces single) → ISO code: the table above and its turned spellings.
WRITTEN: dict[str, str] = {
    **{t: code for form, code in CURRENCIES.items() if form[-1] in _SIGNS for t in _turned(form)},
    **CURRENCIES,
}
# Forms that may stand before the number ("US$29.3", "$US 936", "JPY500", "VND 1.2"): the written
# forms that end or open with a sign, longest first so that "US$" wins over "$", and the ISO codes.
CODES = tuple(sorted(set(CURRENCIES.values())))
PREFIX_FORMS = tuple(
    k for k in sorted(WRITTEN, key=len, reverse=True) if k[-1] in _SIGNS or k[0] in _SIGNS
)
# Forms that may follow the number ("50 billion USD", "1.2 trillion dong", "500 million yen").
SUFFIX = (
    r"(?i:"
    + "|".join(
        re.escape(k).replace(r"\ ", r"\s+")
        for k in sorted(CURRENCIES, key=len, reverse=True)
        if k[-1] not in _SIGNS
    )
    + r")(?![A-Za-z])"
)

PERCENT = "percent"


def currency(written: str) -> str | None:
    """The ISO code of a currency as written ("US$", "yen", "VND"), else None."""
    key = " ".join(written.lower().split())
    return WRITTEN.get(key)


def is_currency(unit: str | None) -> bool:
    return unit is not None and unit in CODES


def dimension(unit: str | None) -> str | None:
    """ "currency", "percent" or "count" for a unit a claim or fact carries; None for no unit.

    Known currencies and percent are answered without pint; anything else names what is counted
    (person, project, vessel).
    """
    if unit is None:
        return None
    if unit in CODES or currency(unit) is not None:
        return "currency"
    if unit.lower() in (PERCENT, "%", "pct", "per cent"):
        return "percent"
    return "count"


@cache
def registry() -> Any:
    """The pint registry with a dimension per currency; built on first call only."""
    import pint

    ureg: Any = pint.UnitRegistry()
    for code in CODES:
        ureg.define(f"{code} = [currency_{code}]")
    return ureg


def compatible(a: str | None, b: str | None) -> bool:
    """True when two units measure the same dimension (USD with USD, not USD with JPY)."""
    if a is None or b is None:
        return a == b
    if a == b:
        return True
    ureg = registry()
    try:
        return bool(ureg.Quantity(1, _pint_name(a)).is_compatible_with(_pint_name(b)))
    except Exception:  # unknown unit names: not comparable
        return False


def _pint_name(unit: str) -> str:
    return unit if unit in CODES else unit.replace(" ", "_")
