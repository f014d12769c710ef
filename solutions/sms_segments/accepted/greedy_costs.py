"""Reference: one pass, each character's cost from a dict, segments filled greedily.

GSM-7 if every character is in the basic table (1 septet) or the extension table (2);
otherwise UCS-2 (1 UTF-16 unit, 2 outside the BMP). One segment if the whole cost fits
the single limit, else greedy cuts at the concatenated limit: a character that does not
fit whole starts the next segment, so no escape or surrogate pair is cut. O(n).
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

_SEPTETS = {c: 1 for c in GSM_BASIC if c != "\x1b"}  # 0x1B is the escape, not a character
_SEPTETS.update((c, 2) for c in GSM_EXTENSION)


def _costs(text: str) -> tuple[list[int], bool]:
    """Each character's cost, and whether the text is GSM-7."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    septets = _SEPTETS
    if all(c in septets for c in text):
        return [septets[c] for c in text], True
    costs = []
    for c in text:
        code = ord(c)
        if 0xD800 <= code <= 0xDFFF:
            raise ValueError(f"lone surrogate U+{code:04X} at index {len(costs)}")
        costs.append(2 if code > 0xFFFF else 1)
    return costs, False


def encoding(text: str) -> str:
    return "GSM-7" if _costs(text)[1] else "UCS-2"


def segments(text: str) -> list[str]:
    costs, gsm = _costs(text)
    single, concatenated = (160, 153) if gsm else (70, 67)
    if not text:
        return []
    if sum(costs) <= single:
        return [text]
    parts = []
    start = used = 0
    for i, cost in enumerate(costs):
        if used + cost > concatenated:
            parts.append(text[start:i])
            start, used = i, 0
        used += cost
    parts.append(text[start:])
    return parts
