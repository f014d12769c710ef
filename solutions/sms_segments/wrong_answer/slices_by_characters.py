"""Wrong: counts septets right but cuts every 153 (or 67) characters, so segments with extension or astral characters overflow."""

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
    return [text[i:i + size] for i in range(0, len(text), size)]
