"""
Personal names in the orders of the region, for authors and their citations.

Vietnamese, Chinese and Khmer names are written family name first ("Nguyễn Thị Minh" is
family "Nguyễn", given "Thị Minh"); Burmese names have no family name at all ("Aung Myint"
is one name, never "Myint, A."); English and Thai names are written given name first. A
citation needs the parts, and the page needs the order they are written in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class NameOrder(models.TextChoices):
    GIVEN_FIRST = "given-first", _("Given name first (Jane Smith)")
    FAMILY_FIRST = "family-first", _("Family name first (Vietnamese, Chinese, Khmer)")
    SINGLE = "single", _("One name, no family name (Burmese)")
    ORGANISATION = "organisation", _("An organisation, by name")


# How the importer's author column says which kind of name follows (see knowledge.importer).
IMPORT_PREFIXES = {
    "org:": NameOrder.ORGANISATION,
    "single:": NameOrder.SINGLE,
    "family-first:": NameOrder.FAMILY_FIRST,
}


@dataclass(frozen=True)
class AuthorName:
    """A name as parts: `family` alone holds a single name or an organisation's name."""

    family: str = ""
    given: str = ""
    order: str = NameOrder.GIVEN_FIRST

    @property
    def is_person(self) -> bool:
        return self.order != NameOrder.ORGANISATION

    @property
    def has_family_name(self) -> bool:
        """False for single names and organisations: nothing to invert or abbreviate."""
        return self.order in {NameOrder.GIVEN_FIRST, NameOrder.FAMILY_FIRST} and bool(self.given)

    @property
    def display(self) -> str:
        """The name as it is written in its language."""
        if not self.has_family_name:
            return self.family or self.given
        if self.order == NameOrder.FAMILY_FIRST:
            return f"{self.family} {self.given}".strip()
        return f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """ "Family, Given" (reference lists, RIS, citation_author); the whole single name."""
        if not self.has_family_name:
            return self.display
        return f"{self.family}, {self.given}"

    @classmethod
    def from_written(cls, written: str, order: str = NameOrder.GIVEN_FIRST) -> AuthorName:
        """Parts of a name written in `order` ("Jane Smith", or "Nguyễn Thị Minh")."""
        written = " ".join(written.split())
        if order in {NameOrder.SINGLE, NameOrder.ORGANISATION}:
            return cls(family=written, order=order)
        if "," in written:
            family, _sep, given = written.partition(",")
            return cls(family=family.strip(), given=given.strip(), order=order)
        words = written.split(" ")
        if len(words) < 2:
            return cls(family=written, order=order)
        if order == NameOrder.FAMILY_FIRST:
            return cls(family=words[0], given=" ".join(words[1:]), order=order)
        return cls(family=words[-1], given=" ".join(words[:-1]), order=order)

    @classmethod
    def parse(cls, text: str) -> AuthorName:
        """
        One author of the importer's author column:
        "Smith, Jane" or "Jane Smith" (given name first), "family-first:Nguyễn, Thị Minh" or
        "family-first:Nguyễn Thị Minh", "single:Aung Myint", "org:Mekong Institute".
        """
        text = text.strip()
        for prefix, order in IMPORT_PREFIXES.items():
            if text.lower().startswith(prefix):
                return cls.from_written(text[len(prefix) :], order)
        return cls.from_written(text)
