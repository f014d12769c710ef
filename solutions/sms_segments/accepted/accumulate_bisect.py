"""Accepted: prefix sums of the costs (itertools.accumulate), then each cut found by bisect.

The cut after a segment that starts at unit offset u is the last character whose running
total is at most u + 153 (or + 67): bisect_right on the prefix sums. A character's total
counts its whole cost, so a pair is never cut. O(n + k log n) for k segments.
"""

from bisect import bisect_right
from itertools import accumulate

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

_COST = {c: 1 for c in GSM_BASIC if c != "\x1b"}
_COST.update(dict.fromkeys(GSM_EXTENSION, 2))


def _costs(text: str) -> tuple[list[int], bool]:
    if not isinstance(text, str):
        raise TypeError(f"expected a str, got {type(text).__name__}")
    try:
        return [_COST[c] for c in text], True
    except KeyError:
        pass
    text.encode("utf-16-le")  # a lone surrogate raises UnicodeEncodeError (a ValueError)
    return [1 if c < "\U00010000" else 2 for c in text], False


def encoding(text: str) -> str:
    return "GSM-7" if _costs(text)[1] else "UCS-2"


def segments(text: str) -> list[str]:
    costs, gsm = _costs(text)
    single, size = (160, 153) if gsm else (70, 67)
    totals = list(accumulate(costs))  # totals[i]: units of text[:i + 1]
    if not totals:
        return []
    if totals[-1] <= single:
        return [text]
    parts, start, offset = [], 0, 0
    while start < len(text):
        end = bisect_right(totals, offset + size, lo=start)
        parts.append(text[start:end])
        offset = totals[end - 1]
        start = end
    return parts
