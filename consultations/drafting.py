"""
Reading a draft out of a request, and keeping it safe when the sender was signed out.

A POST from someone whose session expired still carries their text. It is kept in the
(new, anonymous) session under the consultation and kind, survives sign-in (Django keeps
session data when an anonymous session becomes a signed-in one), and is put back into
the form the next time they open it.
"""

from __future__ import annotations

from consultations.actions import DraftContent
from consultations.models import Confidentiality

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
    return DraftContent(
        comments=comments,
        answers=answers,
        confidentiality=post.get("confidentiality", Confidentiality.SECRETARIAT_ONLY),
    )


def content_from_json(data: dict) -> DraftContent:
    """The autosave payload; raises ValueError with a reason when it is malformed."""
    if not isinstance(data, dict):
        raise ValueError("The body must be a JSON object.")
    comments_in = data.get("comments", {})
    answers_in = data.get("answers", {})
    if not isinstance(comments_in, dict) or not isinstance(answers_in, dict):
        raise ValueError("'comments' and 'answers' must be objects.")
    comments = {}
    for anchor, value in comments_in.items():
        if not isinstance(value, dict):
            raise ValueError(
                f"comments[{anchor!r}] must be an object with 'text' and 'suggestion'."
            )
        text, suggestion = value.get("text", ""), value.get("suggestion", "")
        if not isinstance(text, str) or not isinstance(suggestion, str):
            raise ValueError(f"comments[{anchor!r}] text and suggestion must be strings.")
        comments[str(anchor)] = (text, suggestion)
    answers = {}
    for question_id, text in answers_in.items():
        if not str(question_id).isdigit() or not isinstance(text, str):
            raise ValueError("answers must map question ids to strings.")
        answers[int(question_id)] = text
    return DraftContent(
        comments=comments,
        answers=answers,
        confidentiality=data.get("confidentiality", Confidentiality.SECRETARIAT_ONLY),
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
