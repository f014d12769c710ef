"""Complexity benchmark for sms_segments: O(n) in the text's length.

n is the number of characters:
- a UCS-2 text with ~40% astral characters (two UTF-16 units each): re-measuring the rest of
  the text before every segment grows like n^2 / 67, recounting the prefix for every character
  like n^2;
- a GSM-7 text with ~7% extension characters (two septets each): the same, per 153 septets.

Every round draws a new text. Each run asks segments(text) and encoding(text); both answers
are compared with the reference's (the list of parts, copied as it was returned). A GSM-7 run
asks twice, in an order drawn every round: about the text, and about a copy with one character
outside GSM-7 (a smart quote, an emoji, ...) put at a drawn position, which makes it UCS-2: so
"GSM-7" is never an answer a solution can give without reading the whole text.
"""

from __future__ import annotations

import random

from harness.sandbox.benchkit import Answers, Family

TARGET = "segments and encoding in O(n) for a text of n characters"

_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_EXTENSION = "\f^{}\\[~]|€"
_GSM_POOL = list(_BASIC) + list(_EXTENSION)  # 127 + 10: ~7% extension characters
_UCS2_POOL = ["a", "é", " ", "ж", "中", "\u200d", "😀", "👍", "𝄞", "\U0002070e"]  # 4 of 10 astral


_OUTSIDERS = ["\u2019", "\u201c", "\u2013", "ç", "\u00a0", "`", "😀", "中"]


def gsm_text(n: int, rng: random.Random) -> dict:
    text = "".join(rng.choices(_GSM_POOL, k=n))
    at = rng.randrange(n)
    outsider = text[:at] + rng.choice(_OUTSIDERS) + text[at + 1:]
    return {"texts": [text, outsider] if rng.random() < 0.5 else [outsider, text]}


def ucs2_text(n: int, rng: random.Random) -> dict:
    return {"texts": ["".join(rng.choices(_UCS2_POOL, k=n))]}


# The UCS-2 family first, at small sizes: a solution quadratic in the text's length fails it in
# a few seconds (its one-run cap grows with what its run at n1 costs, so a large n1 would let a
# hopeless solution run for the 20 s ceiling). The GSM-7 family needs 256,000 characters: a
# quadratic term in C (str.count of the rest, once per segment) only dominates there.
FAMILIES = [
    Family("a UCS-2 text, ~40% astral characters", (500, 32000), ucs2_text, unit="characters"),
    Family("a GSM-7 text, ~7% extension characters", (4000, 256000), gsm_text, unit="characters"),
]


def run(module, workload) -> tuple[int, Answers]:
    """segments(text) and encoding(text) for each text, every answer kept for the comparison."""
    answers = Answers()
    for text in workload["texts"]:
        parts = module.segments(text)
        answers.append(parts[:] if type(parts) is list else parts)
        answers.append(module.encoding(text))
    return 2 * len(workload["texts"]), answers
