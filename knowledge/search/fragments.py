"""
Snippets cut from a marked text.

The engine returns the whole text marked (`number_of_fragments: 0`; why: bench/README.md,
"Snippets cut in Python") and the passages are cut here: the window
of about `size` characters holding the most marked words, its ends moved to a space when
one is near (text in unspaced scripts is cut where it must), never through a mark or an
HTML entity of the escaped text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
# How far an end may move back (or a start forward) to land on a space.
_SNAP = 20
# An HTML entity of the escaped text is at most this long (&#x27; &quot; &amp; ...).
_ENTITY = 8


def fragments(marked: str, *, size: int = 160, limit: int = 2) -> list[str]:
    """
    Up to `limit` passages of `marked` (escaped text with <mark> tags), each of about
    `size` visible characters and holding at least one mark, in the order of the text.
    The best passages are those with the most marks.
    """
    plain, marks = _unmark(marked)
    if not marks:
        return []
    if len(plain) <= size:
        return [marked.strip()]
    starts = [start for start, _end in marks]
    ends = [end for _start, end in marks]
    windows: list[tuple[int, int]] = []
    for _ in range(limit):
        best = None
        for mark_start in starts:
            start = max(0, min(mark_start - size // 5, len(plain) - size))
            end = start + size
            if any(start < taken_end and taken_start < end for taken_start, taken_end in windows):
                continue
            # Marks wholly in the window (marks are in text order and never overlap).
            inside = bisect_right(ends, end) - bisect_left(starts, start)
            if best is None or inside > best[0]:
                best = (inside, start, end)
        if best is None:
            break
        windows.append(_snapped(plain, marks, best[1], best[2]))
    return [_remark(plain, marks, start, end) for start, end in sorted(windows)]


def _unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without tags, and where its marks are in it."""
    plain, marks, last = [], [], 0
    length = 0
    for match in _MARK.finditer(marked):
        before = marked[last : match.start()]
        plain.append(before)
        length += len(before)
        word = match.group(1)
        marks.append((length, length + len(word)))
        plain.append(word)
        length += len(word)
        last = match.end()
    plain.append(marked[last:])
    return "".join(plain), marks


def _snapped(plain: str, marks, start: int, end: int) -> tuple[int, int]:
    """Window ends moved onto spaces (when near), off marks and off entities."""
    for mark_start, mark_end in marks:
        if mark_start < start < mark_end:
            start = mark_start
        if mark_start < end < mark_end:
            end = mark_end
    first = min((s for s, e in marks if s >= start), default=start)
    last = max((e for s, e in marks if e <= end), default=end)
    if start > 0:
        space = plain.find(" ", start, min(start + _SNAP, first))
        if space != -1:
            start = space + 1
        entity = plain.rfind("&", max(0, start - _ENTITY), start)
        if entity != -1 and ";" not in plain[entity:start]:
            semicolon = plain.find(";", start, start + _ENTITY)
            start = semicolon + 1 if semicolon != -1 and semicolon < first else start
    if end < len(plain):
        space = plain.rfind(" ", max(end - _SNAP, last), end)
        if space != -1:
            end = space
        entity = plain.rfind("&", max(0, end - _ENTITY), end)
        if entity != -1 and entity >= last and ";" not in plain[entity:end]:
            end = entity
    return start, end


def _remark(plain: str, marks, start: int, end: int) -> str:
    """plain[start:end] with its marks put back."""
    out, cursor = [], start
    for mark_start, mark_end in marks:
        if mark_start >= start and mark_end <= end:
            out.append(plain[cursor:mark_start])
            out.append(f"<mark>{plain[mark_start:mark_end]}</mark>")
            cursor = mark_end
    out.append(plain[cursor:end])
    return "".join(out).strip()
