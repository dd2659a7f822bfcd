"""Markup taken out of a message before it is understood.

People paste from web pages and portals, and some try markup on purpose:
``<iframe src="http://x"></iframe> how is gleevec taken?`` was read as a
message in another language. Scripts, styles and comments go with their
content; other tags go and their text stays ("tell me about <b>gleevec</b>");
HTML entities are decoded. Markup is a format, not vocabulary, so this is
the one place a regex reads a tag.
"""

from __future__ import annotations

import html
import re

_BLOCKS = re.compile(r"<(script|style|iframe|object|embed|svg)\b[^>]*>.*?(</\1\s*>|$)", re.I | re.S)
_COMMENTS = re.compile(r"<!--.*?(-->|$)", re.S)
_TAGS = re.compile(r"</?[a-z][a-z0-9-]*(\s[^<>]*)?/?>", re.I)
_SPACES = re.compile(r"[ \t]{2,}")


def strip_markup(text: str) -> str:
    """The text without markup; the text as it was when nothing else is left.

    >>> strip_markup('<iframe src="http://x"></iframe> how is gleevec taken?')
    'how is gleevec taken?'
    """
    if "<" not in text and "&" not in text:
        return text
    stripped = _COMMENTS.sub(" ", _BLOCKS.sub(" ", text))
    stripped = html.unescape(_TAGS.sub(" ", stripped))
    stripped = _SPACES.sub(" ", stripped).strip()
    return stripped or text
