"""Split a text message into SMS segments.
`drill show sms_segments` prints the full statement.
"""

# GSM 03.38 basic character set: the character of each septet 0x00-0x7F,
# in order. Position 0x1B (the 28th) is the escape to the extension table,
# not a character.
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
# GSM 03.38 extension table: each takes two septets
# (the escape 0x1B, then its code).
GSM_EXTENSION = "\f^{}\\[~]|€"


def encoding(text: str) -> str:
    """"GSM-7" if every character of text is in GSM_BASIC (not the escape)
    or GSM_EXTENSION, else "UCS-2".
    """
    raise NotImplementedError("encoding")


def segments(text: str) -> list[str]:
    """The parts a carrier receives: consecutive slices of text,
    filled greedily, that joined give back text.
    """
    raise NotImplementedError("segments")
