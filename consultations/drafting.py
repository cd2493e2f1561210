"""
Reading a draft out of a request, and keeping it safe when the sender was signed out.

A POST from someone whose session expired still carries their text. It is kept in the
(new, anonymous) session under the consultation and kind, survives sign-in (Django keeps
session data when an anonymous session becomes a signed-in one), and is put back into
the form the next time they open it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from consultations.actions import DraftContent
from consultations.models import Confidentiality
from portal.params import parse_bounded_int, parse_database_id

STASH_SESSION_KEY = "consultations.unsaved_drafts"
STASHED_PREFIXES = ("comment-", "suggestion-", "answer-")


def content_from_post(post, consultation) -> DraftContent:
    draft_round = consultation.current_round()
    anchors = list(draft_round.paragraphs.values_list("anchor", flat=True)) if draft_round else []
    comments = {
        anchor: (post.get(f"comment-{anchor}", ""), post.get(f"suggestion-{anchor}", ""))
        for anchor in anchors
        if f"comment-{anchor}" in post or f"suggestion-{anchor}" in post
    }
    answers = {}
    for question_id in consultation.guiding_questions.values_list("pk", flat=True):
        if f"answer-{question_id}" in post:
            answers[question_id] = post.get(f"answer-{question_id}", "")
    # Absent for colleagues of the focal point, who do not choose it: it stays as it is.
    return DraftContent(
        comments=comments, answers=answers, confidentiality=post.get("confidentiality") or None
    )


# Larger than any version a draft reaches; PositiveIntegerField holds up to 2**31 - 1.
MAX_VERSION = 2**31 - 1


def version_from_post(value: str) -> int:
    """The version the form was loaded with; anything unreadable is treated as stale (0)."""
    return parse_bounded_int(value, minimum=0, maximum=MAX_VERSION) or 0


def _text(value, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(_("%(where)s must be a string.") % {"where": where})
    if "\x00" in value:
        raise ValueError(
            _("%(where)s contains a NUL character, which cannot be saved.") % {"where": where}
        )
    return value


def content_from_json(data) -> tuple[int, DraftContent]:
    """
    The autosave payload's version and content; raises ValueError with a reason (for the
    person whose page sent it) when it is malformed.
    """
    if not isinstance(data, dict):
        raise ValueError(_("The body must be a JSON object."))
    version = data.get("version")
    # bool is an int in Python; a version is a plain positive integer.
    if type(version) is not int or not 1 <= version <= MAX_VERSION:
        raise ValueError(_("'version' must be the integer version the page was loaded with."))
    comments_in = data.get("comments", {})
    answers_in = data.get("answers", {})
    if not isinstance(comments_in, dict) or not isinstance(answers_in, dict):
        raise ValueError(_("'comments' and 'answers' must be objects."))
    comments = {}
    for anchor, value in comments_in.items():
        if not isinstance(value, dict):
            raise ValueError(_("Each comment must be an object with 'text' and 'suggestion'."))
        where = f"comments[{anchor[:40]!r}]"
        comments[_text(anchor, "anchor")] = (
            _text(value.get("text", ""), where),
            _text(value.get("suggestion", ""), where),
        )
    answers = {}
    for question_id, text in answers_in.items():
        question_pk = parse_database_id(question_id)
        if question_pk is None:
            raise ValueError(_("'answers' must map question ids to strings."))
        answers[question_pk] = _text(text, "answers")
    confidentiality = data.get("confidentiality")
    if confidentiality is not None and confidentiality not in Confidentiality.values:
        raise ValueError(
            _("'confidentiality' must be one of: %(choices)s.")
            % {"choices": ", ".join(Confidentiality.values)}
        )
    return version, DraftContent(
        comments=comments, answers=answers, confidentiality=confidentiality
    )


def form_values(submission, content: DraftContent | None = None) -> dict[str, str]:
    """Field name → text to show: the posted content if any, else what is saved."""
    values: dict[str, str] = {}
    if submission is not None:
        for comment in submission.comments.all():
            values[f"comment-{comment.anchor}"] = comment.text
            values[f"suggestion-{comment.anchor}"] = comment.suggested_text
        for answer in submission.answers.all():
            values[f"answer-{answer.question_id}"] = answer.text
        values["confidentiality"] = submission.confidentiality
    if content is not None:
        for anchor, (text, suggestion) in content.comments.items():
            values[f"comment-{anchor}"] = text
            values[f"suggestion-{anchor}"] = suggestion
        for question_id, text in content.answers.items():
            values[f"answer-{question_id}"] = text
        if content.confidentiality is not None:
            values["confidentiality"] = content.confidentiality
    return values


def _stash_key(consultation, kind: str) -> str:
    return f"{consultation.pk}:{kind}"


def stash_post(session, consultation, kind: str, post) -> None:
    kept = {
        name: value
        for name, value in post.items()
        if name.startswith(STASHED_PREFIXES) or name == "confidentiality"
    }
    stash = session.get(STASH_SESSION_KEY, {})
    stash[_stash_key(consultation, kind)] = kept
    session[STASH_SESSION_KEY] = stash


def take_stash(session, consultation, kind: str) -> dict | None:
    stash = session.get(STASH_SESSION_KEY, {})
    kept = stash.pop(_stash_key(consultation, kind), None)
    if kept is not None:
        session[STASH_SESSION_KEY] = stash
    return kept
