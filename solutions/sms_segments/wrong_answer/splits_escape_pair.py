"""Wrong: cuts the septet stream every 153 septets and gives an extension character to the segment that holds its second septet, so the escape pair is split across the cut (the next segment holds a septet too many)."""

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
    parts, start, position, boundary = [], 0, 0, size
    for i, c in enumerate(text):
        position += _cost(c, gsm)
        if position > boundary:  # this character's last unit is past the cut
            parts.append(text[start:i])
            start = i
            boundary += size
    parts.append(text[start:])
    return [p for p in parts if p]
