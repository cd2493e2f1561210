"""
Who may read, draft, submit and review consultation input.

Visibility of the consultation page itself is `portal.permissions.can_view`; the rules
here build on the viewer's approved group memberships, never on anything else, so every
path (pages, JSON autosave, attachments, exports, report, home section, dashboard)
answers alike. In particular the organisation on a user's profile grants nothing: anyone
can name any organisation there, or in a membership request that is still pending. An
organisation's input is reached only through an approved membership that names it.
"""

from __future__ import annotations

from portal.models import Membership, Organisation, Role
from portal.permissions import Viewer, can_view


def can_read_consultation(viewer: Viewer, consultation) -> bool:
    return can_view(viewer, consultation)


def can_view_paragraph(viewer: Viewer, paragraph) -> bool:
    """A paragraph of the draft is read with its consultation, once that is published."""
    consultation = paragraph.round.consultation
    return consultation.live and can_read_consultation(viewer, consultation)


def can_view_response(viewer: Viewer, response) -> bool:
    """
    The secretariat's response to a comment, outside the inbox: the secretariat always;
    anyone else who may read the consultation once the response is published and the
    comment's submitter chose to publish their input (as the public report shows it).
    """
    submission = response.comment.submission
    consultation = submission.consultation
    if not (consultation.live and can_read_consultation(viewer, consultation)):
        return False
    return can_review(viewer, consultation) or (
        response.published_at is not None and submission.is_publishable
    )


def eligible_group_ids(consultation) -> set[int]:
    # A ParentalManyToManyField's manager works on in-memory objects: no values_list().
    return {group.pk for group in consultation.eligible_groups.all()}


def is_eligible(viewer: Viewer, consultation) -> bool:
    """An approved member of one of the groups invited to give input."""
    return can_read_consultation(viewer, consultation) and bool(
        viewer.group_ids & eligible_group_ids(consultation)
    )


def _approved_memberships_naming_an_organisation(viewer: Viewer):
    """The viewer's approved memberships that name an organisation, newest first."""
    return Membership.objects.filter(
        user=viewer.user,
        status=Membership.Status.APPROVED,
        # Groups whose rights count now (a role waiting for its second factor does not).
        group_id__in=viewer.group_ids,
        organisation__isnull=False,
    ).order_by("-requested_at", "-pk")


def organisations_for(viewer: Viewer, consultation) -> list[Organisation]:
    """
    The organisations a viewer speaks for here: those named by their approved memberships
    of the groups invited to this consultation. A membership of another group, a pending
    request and the profile's organisation do not count.
    """
    if not is_eligible(viewer, consultation):
        return []
    memberships = (
        _approved_memberships_naming_an_organisation(viewer)
        .filter(group_id__in=eligible_group_ids(consultation))
        .select_related("organisation")
    )
    return list({m.organisation_id: m.organisation for m in memberships}.values())


def organisation_for(viewer: Viewer, consultation) -> Organisation | None:
    """The organisation whose input the viewer works on here (their newest approved one)."""
    organisations = organisations_for(viewer, consultation)
    return organisations[0] if organisations else None


def organisation_ids_of_member(viewer: Viewer) -> set[int]:
    """Organisations named by any approved membership: candidates for "my drafts"."""
    if viewer.user is None:
        return set()
    return set(
        _approved_memberships_naming_an_organisation(viewer).values_list(
            "organisation_id", flat=True
        )
    )


def may_submit_individually(viewer: Viewer, consultation) -> bool:
    return (
        consultation.allows_individual_youth_submissions
        and is_eligible(viewer, consultation)
        and Role.YOUTH in viewer.roles
    )


def can_edit_submission(viewer: Viewer, submission) -> bool:
    """Draft and change: organisation members for an organisation's, the author for one's own."""
    consultation = submission.consultation
    if submission.kind == submission.Kind.INDIVIDUAL:
        return (
            viewer.user is not None
            and viewer.user.pk == submission.focal_point_id
            and may_submit_individually(viewer, consultation)
        )
    return submission.organisation_id in {
        organisation.pk for organisation in organisations_for(viewer, consultation)
    }


def can_submit(viewer: Viewer, submission) -> bool:
    """Only the focal point sends the organisation's input (and re-sends it)."""
    return can_edit_submission(viewer, submission) and viewer.user.pk == submission.focal_point_id


def can_choose_confidentiality(viewer: Viewer, submission) -> bool:
    """Who may see the input is the focal point's decision; colleagues only draft text."""
    return can_submit(viewer, submission)


def can_reopen(viewer: Viewer, submission) -> bool:
    """Submitted input is taken back for changes by its focal point alone."""
    return can_submit(viewer, submission)


def can_run_consultations(viewer: Viewer) -> bool:
    """Reviewing input is the secretariat's (secretariat rights need MFA)."""
    return viewer.is_secretariat


def can_review(viewer: Viewer, consultation) -> bool:
    """The secretariat's inbox, responses and exports of `consultation`."""
    return can_run_consultations(viewer)


def can_see_submission(viewer: Viewer, submission) -> bool:
    """The full submission, whatever its confidentiality: its authors and the secretariat."""
    return can_review(viewer, submission.consultation) or can_edit_submission(viewer, submission)
