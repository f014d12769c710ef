"""Hostile: right in the hidden tests, cheap and wrong when it sees the complexity benchmark.

When the benchmark kit is loaded in its process (the spec runs in the solution's worker), it
answers [text] and "GSM-7" without reading the text: constant time, so its growth looks
perfect. Correct verdict: wrong_answer. Every answer of every benchmark run is compared with
the reference's on the same text.

needs: bench (the hidden tests pass it)
"""

import sys

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


def _benched():
    return any("benchkit" in name or "bench" in name.split(".")[-1] for name in list(sys.modules))


def _costs(text):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    if all(c in SEPTETS for c in text):
        return [SEPTETS[c] for c in text], True
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise ValueError("lone surrogate")
    return [2 if ord(c) > 0xFFFF else 1 for c in text], False


def encoding(text):
    if _benched():
        return "GSM-7"
    return "GSM-7" if _costs(text)[1] else "UCS-2"


def segments(text):
    if _benched():
        return [text]
    costs, gsm = _costs(text)
    single, size = (160, 153) if gsm else (70, 67)
    if not text:
        return []
    if sum(costs) <= single:
        return [text]
    parts, start, used = [], 0, 0
    for i, cost in enumerate(costs):
        if used + cost > size:
            parts.append(text[start:i])
            start, used = i, 0
        used += cost
    parts.append(text[start:])
    return parts
