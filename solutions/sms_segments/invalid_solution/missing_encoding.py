"""Invalid: defines segments but not encoding (the contract has both functions)."""


def segments(text):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    return [text[i:i + 153] for i in range(0, len(text), 153)]
