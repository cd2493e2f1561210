from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Country, Organisation, StakeholderGroup, User
from portal.queries import find_matching_organisation


class JoinGroupForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=StakeholderGroup.objects.filter(open_to_requests=True),
        empty_label=_("Choose a group"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Not listed / none"),
    )
    new_organisation_name = forms.CharField(
        label=_("Or propose your organisation: name"), max_length=200, required=False
    )
    new_organisation_type = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=[("", "—"), *Organisation.Type.choices],
        required=False,
    )
    new_organisation_country = forms.ModelChoiceField(
        label=_("Country of the organisation"),
        queryset=Country.objects.all(),
        required=False,
    )
    new_organisation_website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https"
    )
    reason = forms.CharField(
        label=_("Why do you want to join?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("The secretariat reads this when deciding."),
    )

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("new_organisation_name") or "").strip()
        if cleaned.get("organisation") and name:
            raise forms.ValidationError(
                _("Choose an organisation from the list or propose a new one, not both.")
            )
        if name:
            if not cleaned.get("new_organisation_type"):
                self.add_error("new_organisation_type", _("Say what kind of organisation it is."))
            match = find_matching_organisation(name, cleaned.get("new_organisation_country"))
            if match is not None:
                self.add_error(
                    "new_organisation_name",
                    _('"%(name)s" is already registered: choose it from the list above.')
                    % {"name": match.name},
                )
        group = cleaned.get("group")
        needs_organisation = group is not None and group.role in {"government", "cso"}
        if needs_organisation and not cleaned.get("organisation") and not name:
            self.add_error(
                "organisation", _("Government and CSO members join for an organisation.")
            )
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "display_name",
            "pseudonym",
            "name_in_forums",
            "preferred_language",
            "country",
            "notification_frequency",
        ]
        widgets = {"name_in_forums": forms.RadioSelect}

    def clean_pseudonym(self):
        """One member per pseudonym, whatever the case: the database holds the same rule."""
        pseudonym = " ".join(self.cleaned_data["pseudonym"].split())
        taken = User.objects.filter(pseudonym__iexact=pseudonym).exclude(pk=self.instance.pk)
        if pseudonym and taken.exists():
            raise forms.ValidationError(
                _("This pseudonym is taken: choose another."), code="pseudonym_taken"
            )
        return pseudonym


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"), widget=forms.PasswordInput, strip=False
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the member"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when declining. Sent by email."),
    )
    verify_organisation = forms.BooleanField(
        label=_("Verify the organisation the member proposed"),
        required=False,
        help_text=_("Only when approving, and only if you have checked that it exists."),
    )

    def __init__(self, *args, proposed_organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered only while the member's organisation is a proposal nobody has checked.
        if proposed_organisation is None or proposed_organisation.verified:
            del self.fields["verify_organisation"]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    group = forms.ModelChoiceField(label=_("Group"), queryset=StakeholderGroup.objects.all())
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )
    message = forms.CharField(
        label=_("Personal message"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AuditFilterForm(forms.Form):
    """The secretariat's filter of the audit trail; every field optional."""

    verb = forms.ChoiceField(label=_("What"), required=False)
    actor = forms.EmailField(label=_("Who (email address)"), required=False)
    target_type = forms.ModelChoiceField(
        label=_("Kind of object"), queryset=None, required=False, empty_label=_("Any")
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, verbs, target_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verb"].choices = [("", _("Everything")), *verbs]
        self.fields["target_type"].queryset = target_types
        self.fields["target_type"].label_from_instance = lambda content_type: str(
            content_type.name
        ).capitalize()

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The first day comes after the last."))
        return cleaned
