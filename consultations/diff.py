"""A readable difference between two rounds of a draft, paragraph by paragraph."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

UNCHANGED, CHANGED, ADDED, REMOVED = "unchanged", "changed", "added", "removed"


@dataclass(frozen=True)
class ParagraphChange:
    anchor: str
    number: str
    status: str
    old_text: str
    new_text: str
    marked_up: SafeString


def word_diff(old: str, new: str) -> SafeString:
    """`new` with deleted words in <del> and inserted words in <ins>, all else escaped."""
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape(" ".join(old_words[i1:i2])))
            continue
        if tag in ("replace", "delete"):
            parts.append(f"<del>{escape(' '.join(old_words[i1:i2]))}</del>")
        if tag in ("replace", "insert"):
            parts.append(f"<ins>{escape(' '.join(new_words[j1:j2]))}</ins>")
    # Every piece of text above went through escape(); only our <ins>/<del> tags are raw.
    return mark_safe(" ".join(parts))  # noqa: S308


def round_diff(previous_round, current_round) -> list[ParagraphChange]:
    """Every paragraph of `current_round` compared with the same anchor in `previous_round`."""
    old_by_anchor = {p.anchor: p for p in previous_round.paragraphs_in_order()}
    changes = []
    seen = set()
    for paragraph in current_round.paragraphs_in_order():
        seen.add(paragraph.anchor)
        old = old_by_anchor.get(paragraph.anchor)
        if old is None:
            status, old_text = ADDED, ""
        else:
            old_text = old.text
            status = UNCHANGED if old.text.split() == paragraph.text.split() else CHANGED
        changes.append(
            ParagraphChange(
                anchor=paragraph.anchor,
                number=paragraph.number,
                status=status,
                old_text=old_text,
                new_text=paragraph.text,
                marked_up=word_diff(old_text, paragraph.text),
            )
        )
    for anchor, old in old_by_anchor.items():
        if anchor not in seen:
            changes.append(
                ParagraphChange(
                    anchor=anchor,
                    number=old.number,
                    status=REMOVED,
                    old_text=old.text,
                    new_text="",
                    marked_up=word_diff(old.text, ""),
                )
            )
    return changes
