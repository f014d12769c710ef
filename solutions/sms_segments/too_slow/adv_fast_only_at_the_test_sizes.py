"""Hostile: linear at the hidden tests' sizes, quadratic everywhere else.

Texts under 1,000 characters or of exactly 500,000 (the sizes the hidden tests use) get the
greedy one-pass cut; any other text gets remeasure_rest_per_segment's O(n^2 / 153) loop, which
re-measures the rest of the text before every segment. Correct verdict: too_slow: it passes
every hidden test, and the benchmark's sizes (4,000 and 128,000 characters) are not among the
ones it recognises.
"""

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


def encoding(text):
    return "GSM-7" if _checked_encoding(text) else "UCS-2"


def segments(text):
    gsm = _checked_encoding(text)
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
