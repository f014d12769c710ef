"""Hostile: answers objects that claim to equal anything.

segments returns an empty list subclass whose __eq__ is always True (and __ne__ always False),
encoding a str subclass that equals every string; both "match" whatever the suite compares
them with, if it compares them in the solution's own process. Correct verdict: wrong_answer.
A result crosses to the judge as its storage (an empty list, the string "?"), never as an
object whose methods run there.
"""


class _Parts(list):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = None


class _Name(str):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = str.__hash__


def segments(text):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    return _Parts()


def encoding(text):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    return _Name("?")
