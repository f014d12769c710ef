"""Hostile: does its slow work while the benchmark builds the text, outside the timed run.

The cut is remeasure_rest_per_segment's O(n^2 / 153) loop, except at the hidden tests' sizes
(under 1,000 characters, or exactly 500,000), where it is the greedy one pass. It also
replaces random.Random.choices, which the benchmark's builders call in this process: every
list of characters drawn there is joined and answered at once, with the slow loop, and kept;
segments() and encoding() then answer a text they have seen from that table, in one hash.
Correct verdict: too_slow. The kernel's CPU time of every untimed build is compared with the
reference's in the same round, and a build that costs far more than the reference's fails.
"""

import random

GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅå"
    "Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ"
    " !\"#¤%&'()*+,-./"
    "0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNO"
    "PQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmno"
    "pqrstuvwxyzäöñüà"
)
GSM_EXTENSION = "\f^{}\\[~]|€"
SEPTETS = {c: 1 for c in GSM_BASIC if c != "\x1b"}
SEPTETS.update((c, 2) for c in GSM_EXTENSION)

_SEEN = {}
_draw = random.Random.choices


def _cost(c, gsm):
    return SEPTETS[c] if gsm else 2 if ord(c) > 0xFFFF else 1


def _checked_encoding(text):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    if all(c in SEPTETS for c in text):
        return True
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise ValueError("lone surrogate")
    return False


def _segments(text, gsm):
    single, size = (160, 153) if gsm else (70, 67)
    if not text:
        return []
    if sum(_cost(c, gsm) for c in text) <= single:
        return [text]
    parts, start = [], 0
    if len(text) < 1000 or len(text) == 500_000:
        used = 0
        for i, c in enumerate(text):
            cost = _cost(c, gsm)
            if used + cost > size:
                parts.append(text[start:i])
                start, used = i, 0
            used += cost
        parts.append(text[start:])
        return parts
    while sum(_cost(c, gsm) for c in text[start:]) > size:
        used, i = 0, start
        while used + _cost(text[i], gsm) <= size:
            used += _cost(text[i], gsm)
            i += 1
        parts.append(text[start:i])
        start = i
    parts.append(text[start:])
    return parts


def _choices(self, population, weights=None, *, cum_weights=None, k=1):
    drawn = _draw(self, population, weights, cum_weights=cum_weights, k=k)
    if k >= 1000 and all(type(c) is str and len(c) == 1 for c in population):
        text = "".join(drawn)
        try:
            gsm = _checked_encoding(text)
            if len(_SEEN) > 8:
                _SEEN.clear()
            _SEEN[text] = (_segments(text, gsm), "GSM-7" if gsm else "UCS-2")
        except (TypeError, ValueError):
            pass
    return drawn


random.Random.choices = _choices


def encoding(text):
    seen = _SEEN.get(text) if type(text) is str else None
    if seen is not None:
        return seen[1]
    return "GSM-7" if _checked_encoding(text) else "UCS-2"


def segments(text):
    seen = _SEEN.get(text) if type(text) is str else None
    if seen is not None:
        return list(seen[0])
    return _segments(text, _checked_encoding(text))
