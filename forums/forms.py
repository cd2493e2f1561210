from django import forms
from django.utils.translation import gettext_lazy as _

from forums.actions import MAX_POST_LENGTH
from forums.models import Flag, SafeguardingCase

# Ids are PostgreSQL bigints: a larger number in a form is refused, never queried.
MAX_ID = 2**63 - 1


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown: **bold**, *italic*, > quote, lists and links. @name mentions."),
    )
    quote = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput
    )


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"), max_length=MAX_POST_LENGTH, widget=forms.Textarea(attrs={"rows": 8})
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=300, help_text=_("Separate tags with commas.")
    )

    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you flagging this post?"),
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModerationForm(forms.Form):
    ACTIONS = [
        ("approve", _("Approve")),
        ("hide", _("Hide")),
        ("restore", _("Restore")),
        ("lock", _("Lock thread")),
        ("unlock", _("Unlock thread")),
        ("warn", _("Warn the author")),
        ("suspend", _("Suspend the author")),
        ("dismiss", _("Dismiss the flag")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    post = forms.IntegerField(min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    flag = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason (kept in the moderation record)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CaseStepForm(forms.Form):
    """
    Everything a safeguarding lead records about a case, in one form: a note typed before
    choosing a status or a referral is never lost to another form's submit.
    """

    LEAVE, HIDE, RELEASE = "", "hide", "release"

    text = forms.CharField(
        label=_("Case note"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Recorded with whatever else you choose below, and the reason for hiding or "
            "releasing the post."
        ),
    )
    referred_to = forms.CharField(
        label=_("Referred to (organisation or service)"), required=False, max_length=200
    )
    status = forms.ChoiceField(label=_("Status"), choices=SafeguardingCase.Status.choices)
    post_action = forms.ChoiceField(label=_("The post"), required=False, choices=())

    def __init__(self, *args, case: SafeguardingCase, post_held: bool, **kwargs):
        # The status list shows the case's own status, never a stale "Open".
        kwargs.setdefault("initial", {"status": case.status})
        super().__init__(*args, **kwargs)
        # A held post can be released, any other hidden (held).
        offered = (
            (self.RELEASE, _("Lift the hold: show the post again"))
            if post_held
            else (self.HIDE, _("Hide the post (hold it for safeguarding)"))
        )
        self.fields["post_action"].choices = [(self.LEAVE, _("Leave it as it is")), offered]
