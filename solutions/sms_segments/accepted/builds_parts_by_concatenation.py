"""Accepted: builds each part with `part += c`, one character at a time. CPython resizes the string in place when nothing else refers to it, so this stays linear in practice (measured: 1.3-1.8x the reference at 4,000-500,000 characters)."""

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


def _checked(text):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    for c in text:
        if "\ud800" <= c <= "\udfff":
            raise ValueError("lone surrogate")
    return text


def _is_gsm(text):
    return all(c in SEPTETS for c in text)


def _cost(c, gsm):
    if gsm:
        return SEPTETS[c]
    return 2 if ord(c) > 0xFFFF else 1


def encoding(text):
    return "GSM-7" if _is_gsm(_checked(text)) else "UCS-2"


def segments(text):
    gsm = _is_gsm(_checked(text))
    single, size = (160, 153) if gsm else (70, 67)
    if not text:
        return []
    if sum(_cost(c, gsm) for c in text) <= single:
        return [text]
    parts, part, used = [], "", 0
    for c in text:
        cost = _cost(c, gsm)
        if used + cost > size:
            parts.append(part)
            part, used = "", 0
        part += c
        used += cost
    parts.append(part)
    return parts
