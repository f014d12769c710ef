"""Hidden suite for sms_segments. The judge loads the candidate as the module `sms_segments`.

The oracle is a brute-force encoder written here: it builds the message's payload (the
GSM 03.38 septet sequence, escapes included, or the UTF-16 code units), cuts the payload at
the segment limits (one unit earlier where the cut would fall inside an escape or a surrogate
pair), and decodes each cut back into text. It shares no code with any solution.
"""

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from sms_segments import encoding, segments

from harness.authoring.testing import Raw, WrongAnswer, ahead, check_raises, fail, reference, reference_ahead, within_reference_budget

# --- GSM 03.38, written out as the standard's tables --------------------------------------

# The basic character set: the character of each septet 0x00-0x7F. 0x1B is the escape to the
# extension table, not a character.
BASIC_TABLE = [
    "@", "£", "$", "¥", "è", "é", "ù", "ì", "ò", "Ç", "\n", "Ø", "ø", "\r", "Å", "å",            # 0x00
    "Δ", "_", "Φ", "Γ", "Λ", "Ω", "Π", "Ψ", "Σ", "Θ", "Ξ", None, "Æ", "æ", "ß", "É",             # 0x10
    " ", "!", '"', "#", "¤", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/",               # 0x20
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ":", ";", "<", "=", ">", "?",               # 0x30
    "¡", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O",               # 0x40
    "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "Ä", "Ö", "Ñ", "Ü", "§",               # 0x50
    "¿", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",               # 0x60
    "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "ä", "ö", "ñ", "ü", "à",               # 0x70
]
ESCAPE = 0x1B
# The extension table: septet after the escape -> character.
EXTENSION_TABLE = {0x0A: "\f", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\", 0x3C: "[", 0x3D: "~", 0x3E: "]",
                   0x40: "|", 0x65: "€"}

_BASIC_CODE = {c: i for i, c in enumerate(BASIC_TABLE) if c is not None}
_EXTENSION_CODE = {c: code for code, c in EXTENSION_TABLE.items()}
BASIC = [c for c in BASIC_TABLE if c is not None]
EXTENSION = list(EXTENSION_TABLE.values())

GSM_SINGLE, GSM_CONCATENATED = 160, 153
UCS2_SINGLE, UCS2_CONCATENATED = 70, 67


# --- the oracle ------------------------------------------------------------------------------


def _septets(text):
    """The GSM 03.38 septet sequence of `text`, or None if a character is in neither table."""
    out = []
    for c in text:
        code = _BASIC_CODE.get(c)
        if code is not None:
            out.append(code)
            continue
        code = _EXTENSION_CODE.get(c)
        if code is None:
            return None
        out += (ESCAPE, code)
    return out


def _decode_septets(septets):
    out, i = [], 0
    while i < len(septets):
        if septets[i] == ESCAPE:
            out.append(EXTENSION_TABLE[septets[i + 1]])
            i += 2
        else:
            out.append(BASIC_TABLE[septets[i]])
            i += 1
    return "".join(out)


def _utf16_units(text):
    payload = text.encode("utf-16-be")  # a lone surrogate raises here (UnicodeEncodeError)
    return [payload[i] << 8 | payload[i + 1] for i in range(0, len(payload), 2)]


def _decode_units(units):
    return b"".join(u.to_bytes(2, "big") for u in units).decode("utf-16-be")


def oracle(text):
    """(segments, encoding, payload length) of a str without lone surrogates."""
    septets = _septets(text)
    if septets is not None:
        units, single, size, decode, name = septets, GSM_SINGLE, GSM_CONCATENATED, _decode_septets, "GSM-7"
        pair_opens = lambda unit: unit == ESCAPE  # noqa: E731
    else:
        units, single, size, decode, name = _utf16_units(text), UCS2_SINGLE, UCS2_CONCATENATED, _decode_units, "UCS-2"
        pair_opens = lambda unit: 0xD800 <= unit <= 0xDBFF  # noqa: E731 - a high surrogate
    if not units:
        return [], name, 0
    if len(units) <= single:
        return [decode(units)], name, len(units)
    parts, start = [], 0
    while start < len(units):
        end = min(start + size, len(units))
        if end < len(units) and pair_opens(units[end - 1]):
            end -= 1  # the cut would separate the pair: the segment ends one unit early
        parts.append(decode(units[start:end]))
        start = end
    return parts, name, len(units)


def _cost(c, gsm):
    if gsm:
        return 2 if c in _EXTENSION_CODE else 1
    return 2 if ord(c) > 0xFFFF else 1


# --- showing a text ------------------------------------------------------------------------


def describe(text, limit=300):
    """A text as a Python expression, runs of one character written `"a" * 152`."""
    pieces, pending, i = [], "", 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i]:
            j += 1
        if j - i >= 4:
            if pending:
                pieces.append(repr(pending))
                pending = ""
            pieces.append(f"{text[i]!r} * {j - i}")
        else:
            pending += text[i:j]
        i = j
    if pending:
        pieces.append(repr(pending))
    shown = " + ".join(pieces) if pieces else "''"
    if len(shown) > limit:
        shown = shown[:limit] + f"... ({len(text):,} characters)"
    return shown


def _describe_parts(parts):
    if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
        return parts
    return Raw("[" + ", ".join(describe(p, 120) for p in parts[:8]) + (f", ... ({len(parts)} parts)" if len(parts) > 8 else "") + "]")


def _why(text, parts, expected, gsm):
    """What is wrong with `parts`, in words (the first difference from `expected`)."""
    unit = "septets" if gsm else "UTF-16 units"
    if "".join(parts) != text:
        return "the parts joined do not give back the text"
    for i, (mine, right) in enumerate(zip(parts, expected)):
        if mine != right:
            cost = sum(_cost(c, gsm) for c in mine)
            right_cost = sum(_cost(c, gsm) for c in right)
            return (f"part {i} holds {len(mine)} characters ({cost} {unit}); the right part {i} holds "
                    f"{len(right)} characters ({right_cost} {unit})")
    return f"{len(parts)} part{'s' * (len(parts) != 1)} instead of {len(expected)}"


def run(text):
    """Check segments(text) and encoding(text) against the oracle."""
    shown = describe(text)
    expected, name, units = oracle(text)
    what = f"{units} {'septets' if name == 'GSM-7' else 'UTF-16 units'}, {name}"
    got = encoding(text)
    if type(got) is not str or got != name:
        fail(f"wrong encoding ({what})", input=f"encoding({shown})", expected=name, actual=got)
    parts = segments(text)
    if type(parts) is not list:
        fail(f"segments must return a list of str, not {type(parts).__name__}", input=f"segments({shown})",
             expected=_describe_parts(expected), actual=parts)
    if parts != expected or not all(type(p) is str for p in parts):
        why = _why(text, parts, expected, name == "GSM-7") if all(isinstance(p, str) for p in parts) else "not a list of str"
        fail(f"wrong segments ({what}): {why}", input=f"segments({shown})", expected=_describe_parts(expected),
             actual=_describe_parts(parts))


# --- the statement's examples ------------------------------------------------------------------


def test_statement_example_hello():
    """statement example: "Hello" is one GSM-7 segment"""
    run("Hello")


def test_statement_example_empty():
    """statement example: the empty text has no segments and is GSM-7"""
    run("")


def test_statement_example_160_and_161():
    """statement example: 160 septets are one segment, 161 are two (153 + 8)"""
    run("a" * 160)
    run("a" * 161)


def test_statement_example_euro_at_the_cut():
    """statement example: "€" takes two septets and is never cut from its escape"""
    run("Price: 5€")
    run("a" * 152 + "€" + "b" * 10)


def test_statement_example_ucs2():
    """statement example: a smart quote or an emoji makes the text UCS-2; an emoji is 2 units"""
    run("Don’t")
    run("Hi 😀")
    run("😀" * 35)
    run("😀" * 36)


def test_statement_example_bad_input():
    """statement example: a non-str raises TypeError, a lone surrogate ValueError"""
    check_raises(TypeError, segments, None, case="segments(None) must raise TypeError", input="segments(None)")
    check_raises(ValueError, segments, "\ud83d", case="a lone surrogate must raise ValueError", input="segments('\\ud83d')")


# --- edge cases --------------------------------------------------------------------------------


def test_single_characters():
    """one character of each kind: basic, extension, BMP, astral"""
    for text in ("a", "@", "\n", "€", "^", "\f", "é", "ç", "中", "😀", "\u200d", " "):
        run(text)


def test_gsm_limits():
    """GSM-7 texts of 1-461 septets around every limit (153, 160, 161, 306, 307, 459, ...)"""
    for n in (1, 152, 153, 154, 159, 160, 161, 162, 305, 306, 307, 458, 459, 460, 461):
        run("x" * n)


def test_ucs2_limits():
    """UCS-2 texts around every limit (67, 70, 71, 134, 135, ...)"""
    for n in (1, 66, 67, 68, 69, 70, 71, 72, 133, 134, 135, 201, 202):
        run("ж" * n)


def test_extension_characters_count_two():
    """each extension character takes two septets: 80 fit one segment, 81 do not"""
    for c in EXTENSION:
        run(c * 80)
        run(c * 81)


def test_extension_character_at_the_boundaries():
    """an extension character whose escape would be the last septet of a segment moves to the next one"""
    for c in ("€", "{", "\f", "|"):
        for k in (151, 152, 153):
            run("a" * k + c + "b" * 20)
        run("a" * 158 + c)  # 160 septets: one segment
        run("a" * 159 + c)  # 161: two
        run("a" * 152 + c + "a" * 151 + c + "a" * 10)  # at two cuts
    run("€" * 200)


def test_astral_character_at_the_boundaries():
    """an astral character (a surrogate pair) that would be cut moves to the next segment"""
    for c in ("😀", "𝄞", "\U0010fffd"):
        for k in (65, 66, 67):
            run("ж" * k + c + "ж" * 10)
        run("ж" * 68 + c)  # 70 units: one segment
        run("ж" * 69 + c)  # 71: two
        run("ж" * 66 + c + "ж" * 65 + c + "ж" * 3)
    run("😀" * 100)


def test_code_points_at_the_edges_of_the_bmp_and_the_surrogates():
    """U+D7FF, U+E000, U+FFFD and U+FFFF are one UTF-16 unit each, U+10000 and U+10FFFF two: at the cuts too"""
    for c in ("\ud7ff", "\ue000", "\ufffd", "\uffff"):
        run(c * 70)  # 70 units: one segment
        run(c * 71)  # 71: two
        run("ж" * 66 + c + "😀" + c * 70)
    for c in ("\U00010000", "\U0010ffff"):
        run(c * 35)  # 70 units: one segment
        run("ж" * 66 + c + "ж")  # the pair would be cut at 67: it moves to the next segment


def test_every_basic_character_is_one_septet():
    """every character of the basic table is GSM-7 and one septet (160 of it fit, 161 do not)"""
    run("".join(BASIC))
    for i in range(0, len(BASIC), 8):  # 161 septets of 8 characters each: one counted 2 changes the cut
        run(("".join(BASIC[i:i + 8]) * 21)[:161])


def test_characters_outside_gsm():
    """every other character of U+0000-U+00FF, and look-alikes, make the text UCS-2 (ç, NBSP, ESC, `, smart quotes)"""
    allowed = set(BASIC) | set(EXTENSION)
    others = [chr(i) for i in range(0x100) if chr(i) not in allowed]
    others += ["\u2019", "\u201c", "\u201d", "\u2013", "\u2026", "λ", "\u20ab", "\u00a0"]
    base = "".join(BASIC)
    for c in others:
        expected = "UCS-2"
        got = encoding(base[:20] + c)
        if got != expected:
            fail(f"{c!r} (U+{ord(c):04X}) is not in GSM 03.38's tables", input=f"encoding({describe(base[:20] + c)})",
                 expected=expected, actual=got)


def test_greek_capitals_in_the_basic_table():
    """the Greek capitals of the basic table are GSM-7; the other Greek letters are not"""
    run("ΔΦΓΛΩΠΨΣΘΞ")
    for c in "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαβγδω":
        run("Hi " + c)


def test_crlf():
    """\\r\\n is two basic characters (two septets); a cut may fall between them"""
    run("line one\r\nline two")
    run("\r\n" * 80)
    run("\r\n" * 81)
    run("a" + "\r\n" * 80)


def test_combining_marks_and_zwj_sequences():
    """combining marks and ZWJ sequences count as their code units, never as one glyph"""
    run("e\u0301")  # e + combining acute: UCS-2, 2 units
    run("e\u0301" * 35)
    run("e\u0301" * 36)
    family = "👨\u200d👩\u200d👧\u200d👦"  # 4 astral + 3 ZWJ: 11 units
    run(family)
    run(family * 7)
    run("👍🏽" * 20)
    run("❤\ufe0f" * 40)


def test_one_outsider_makes_everything_ucs2():
    """one character outside GSM-7 anywhere makes the whole text UCS-2"""
    run("a" * 150 + "ç")
    run("ç" + "a" * 150)
    run("a" * 300 + "😀" + "€" * 10)


def test_parts_are_a_list_of_str():
    """segments returns a list (not a tuple or a generator) of str"""
    run("a" * 400)


def test_non_str_raises_type_error():
    """a non-str text raises TypeError, in both functions"""
    for value in (None, b"hello", 160, ["a"], ("a",)):
        for fn in (segments, encoding):
            check_raises(TypeError, fn, value, case=f"{fn.__name__}({value!r}) must raise TypeError",
                         input=f"{fn.__name__}({value!r})")


def test_lone_surrogates_raise_value_error():
    """a lone surrogate code point (U+D800-U+DFFF) raises ValueError, in both functions, wherever it is"""
    for text in ("\ud800", "\udfff", "ok \ud83d", "\ude00 ok", "\ud83d\ude00", "a" * 200 + "\udc00", "€" * 100 + "\ud800"):
        for fn in (segments, encoding):
            check_raises(ValueError, fn, text, case=f"{fn.__name__} of a text with a lone surrogate must raise ValueError",
                         input=f"{fn.__name__}({describe(text)})")


# --- property-based ----------------------------------------------------------------------------

_GSM_BOUNDARIES = [152, 153, 154, 159, 160, 161, 162, 305, 306, 307, 308, 458, 459, 460]
_UCS2_BOUNDARIES = [66, 67, 68, 69, 70, 71, 72, 133, 134, 135, 136, 200, 201, 202]
_BMP_OTHERS = ["ç", "\u00a0", "\u2019", "\u201c", "中", "ж", "\u200d", "\u0301", "\ufe0f", "`", "\t", "\x00", "\x1b",
               "\u00e1", "\u0100", "\u0416", "\u05d0", "\u0627", "\u0e01", "\u3042", "\uac00", "\ue000", "\ufffd", "\uffff"]
_ASTRAL = ["😀", "👍", "🏽", "𝄞", "\U00010000", "\U0002070e", "\U0010fffd", "\U0001f1fa"]
# Strategies over fixed lists: drawing a code point from a range and filtering it costs several
# times as much in Hypothesis, for no case these lists miss.
_GSM_PLANTS = st.sampled_from(BASIC + EXTENSION)
_UCS2_FILLERS = st.sampled_from(BASIC[::8] + _BMP_OTHERS + _ASTRAL)
_ANY_PLANTS = st.sampled_from(BASIC[::4] + EXTENSION + _BMP_OTHERS + _ASTRAL)
_OUTSIDERS = st.sampled_from(_BMP_OTHERS + _ASTRAL)
_POSITIONS = st.one_of(st.sampled_from(sorted(set(_GSM_BOUNDARIES + _UCS2_BOUNDARIES))), st.integers(0, 480))


@st.composite
def planted_texts(draw):
    """A run of one filler character with a few others planted at drawn positions, its length
    in units near a segment limit: the shape that puts a pair exactly on a cut."""
    if draw(st.booleans()):  # GSM-7
        filler = draw(_GSM_PLANTS)
        planted = _GSM_PLANTS
        target = draw(st.one_of(st.sampled_from(_GSM_BOUNDARIES), st.integers(0, 480)))
    else:
        filler = draw(_UCS2_FILLERS)
        planted = _ANY_PLANTS
        target = draw(st.one_of(st.sampled_from(_UCS2_BOUNDARIES), st.integers(0, 210)))
    specials = draw(st.lists(st.tuples(_POSITIONS, planted), max_size=5))
    chars = list(filler * max(1, target // (2 if filler in _EXTENSION_CODE or ord(filler) > 0xFFFF else 1)))
    for position, c in specials:
        chars.insert(min(position, len(chars)), c)
    text = "".join(chars)
    if planted is _ANY_PLANTS and _septets(text) is not None:
        text += draw(_OUTSIDERS)  # a UCS-2 text after all
    return text


_WEIGHTS = [w for w in ((a, b, c, d) for a in (0, 1, 20) for b in (0, 1, 5) for c in (0, 1, 5) for d in (0, 1, 5)) if any(w)]


@st.composite
def random_texts(draw):
    """Seeded random texts over a drawn mix of the four pools, 0-700 characters."""
    seed = draw(st.integers(0, 2**32 - 1))
    weights = draw(st.sampled_from(_WEIGHTS))
    length = draw(st.one_of(st.sampled_from(_GSM_BOUNDARIES + _UCS2_BOUNDARIES), st.integers(0, 700)))
    rng = random.Random(seed)
    pools = [lambda: rng.choice(BASIC), lambda: rng.choice(EXTENSION),
             lambda: chr(rng.choice([rng.randrange(0x80, 0xD800), rng.randrange(0xE000, 0x10000)])),
             lambda: chr(rng.randrange(0x10000, 0x110000))]
    picks = rng.choices(pools, weights=weights, k=length)
    return "".join(pick() for pick in picks)


@settings(max_examples=120)
@given(planted_texts())
def test_texts_near_the_limits(text):
    """texts near the segment limits, with extension and astral characters planted near the cuts (property-based)"""
    run(text)


@settings(max_examples=100)
@given(random_texts())
def test_random_mixed_texts(text):
    """random texts mixing the basic set, the extension set, the BMP and the astral planes (property-based)"""
    run(text)


# --- large inputs, last ------------------------------------------------------------------------


def _large_gsm(n):
    rng = random.Random(20260338)
    pool = BASIC * 3 + EXTENSION  # about 7% extension characters
    return "".join(rng.choices(pool, k=n))


def _large_ucs2(n):
    rng = random.Random(1634)
    pool = ["a", "é", " ", "ж", "中", "\u200d", "😀", "👍", "𝄞", "\U0002070e"]
    return "".join(rng.choices(pool, k=n))


GSM_N = 500_000
UCS2_N = 500_000
LARGE_GSM = ahead(lambda: _large_gsm(GSM_N))
LARGE_UCS2 = ahead(lambda: _large_ucs2(UCS2_N))
GSM_REFERENCE = reference_ahead(lambda: (reference().segments(LARGE_GSM()), reference().encoding(LARGE_GSM())))
UCS2_REFERENCE = reference_ahead(lambda: (reference().segments(LARGE_UCS2()), reference().encoding(LARGE_UCS2())))


def _large(build, expected, described):
    text = build()
    parts, name = within_reference_budget(lambda: (segments(text), encoding(text)), expected, what=described)
    right_parts, right_name = expected()
    if name != right_name:
        fail("wrong encoding", input=described, expected=right_name, actual=name)
    if type(parts) is not list or parts != right_parts:
        why = _why(text, parts, right_parts, right_name == "GSM-7") if isinstance(parts, list) and all(isinstance(p, str) for p in parts) \
            else "not a list of str"
        fail(f"wrong segments: {why}", input=described, expected=Raw(f"{len(right_parts):,} parts"),
             actual=Raw(f"{len(parts):,} parts" if isinstance(parts, list) else repr(type(parts))))


def test_large_gsm_text():
    """large input: a 500,000-character GSM-7 text, about 7% extension characters"""
    _large(LARGE_GSM, GSM_REFERENCE, f"a {GSM_N:,}-character GSM-7 text (random basic characters, ~7% extension characters)")


def test_large_ucs2_text():
    """large input: a 500,000-character UCS-2 text, 40% astral characters"""
    _large(LARGE_UCS2, UCS2_REFERENCE, f"a {UCS2_N:,}-character UCS-2 text (random Latin, Cyrillic, CJK, ZWJ, 40% astral)")
