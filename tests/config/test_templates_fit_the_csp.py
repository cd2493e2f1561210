"""The portal's templates work under production's Content-Security-Policy (no 'unsafe-inline')."""

import re
from pathlib import Path

from django.conf import settings

# A <script> without src runs only with 'unsafe-inline', unless it is a data block
# (JSON-LD), which no policy executes; <style> and style= need 'unsafe-inline' in style-src;
# onclick= and friends need it in script-src.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+=", re.I)


def portal_templates():
    roots = [Path(settings.BASE_DIR) / "templates"]
    roots += [Path(settings.BASE_DIR) / app / "templates" for app in settings.LOCAL_APPS]
    return [path for root in roots if root.exists() for path in root.rglob("*.html")]


def test_no_template_needs_unsafe_inline():
    assert portal_templates(), "no templates found: the scan would pass vacuously"
    offenders = []
    for path in portal_templates():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER):
            offenders += [f"{path}: {match.group(0)}" for match in pattern.finditer(text)]

    assert not offenders, "move these to a file under static/:\n" + "\n".join(offenders)
