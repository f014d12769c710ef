"""Accepted: encodes the payload, cuts it, decodes each cut.

GSM-7: str.translate maps every character to its septets (an extension character to the
escape and its code), one code point per septet; UCS-2: the UTF-16 encoding. The payload is
cut every 153 septets (67 units), one unit earlier where the last unit would open a pair (an
escape, a high surrogate), and each cut decoded back. O(n).
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

_TO_SEPTETS = {ord(c): chr(i) for i, c in enumerate(GSM_BASIC) if c != "\x1b"}
_EXTENSION_CODES = [0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65]
_TO_SEPTETS.update({ord(c): "\x1b" + chr(code) for c, code in zip(GSM_EXTENSION, _EXTENSION_CODES)})
_FROM_SEPTETS = {septets: chr(c) for c, septets in _TO_SEPTETS.items()}
_NOT_GSM = "\x80"  # no septet is 0x80 or above


class _Septets(dict):
    def __missing__(self, key: int) -> str:
        return _NOT_GSM


_TABLE = _Septets(_TO_SEPTETS)


def _septets(text: str) -> str | None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    payload = text.translate(_TABLE)
    return None if _NOT_GSM in payload else payload


def encoding(text: str) -> str:
    if _septets(text) is not None:
        return "GSM-7"
    text.encode("utf-16-le")  # raises UnicodeEncodeError (a ValueError) on a lone surrogate
    return "UCS-2"


def _decode_septets(payload: str) -> str:
    out, i = [], 0
    while i < len(payload):
        width = 2 if payload[i] == "\x1b" else 1
        out.append(_FROM_SEPTETS[payload[i:i + width]])
        i += width
    return "".join(out)


def segments(text: str) -> list[str]:
    septets = _septets(text)
    if septets is not None:
        if len(septets) <= 160:
            return [text] if text else []
        parts, start = [], 0
        while start < len(septets):
            end = min(start + 153, len(septets))
            if end < len(septets) and septets[end - 1] == "\x1b":
                end -= 1
            parts.append(_decode_septets(septets[start:end]))
            start = end
        return parts
    payload = text.encode("utf-16-le")
    units = len(payload) // 2
    if units <= 70:
        return [text]
    parts, start = [], 0
    while start < units:
        end = min(start + 67, units)
        if end < units and 0xD8 <= payload[2 * end - 1] <= 0xDB:  # the last unit is a high surrogate
            end -= 1
        parts.append(payload[2 * start:2 * end].decode("utf-16-le"))
        start = end
    return parts
