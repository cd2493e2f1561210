from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal import actions
from portal.dashboard import dashboard_slots
from portal.forms import DeleteAccountForm, JoinGroupForm, ProfileForm
from portal.models import Membership
from portal.notifications import notifications_for
from portal.permissions import viewer_for_request
from portal.staff_work import waiting_for


@login_required
def my_portal(request):
    viewer = viewer_for_request(request)
    memberships = request.user.memberships.select_related("group", "organisation").order_by(
        "group__name"
    )
    return render(
        request,
        "portal/my_portal.html",
        {
            "viewer": viewer,
            "memberships": memberships,
            "unread_count": request.user.notifications.filter(read_at__isnull=True).count(),
            "slots": dashboard_slots(request),
            # Staff get a way into the admin and what is waiting for them.
            "staff_tools": request.user.has_perm("wagtailadmin.access_admin"),
            "waiting": waiting_for(viewer),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def join_group(request):
    form = JoinGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                organisation = data["organisation"]
                if data["new_organisation_name"].strip():
                    organisation = actions.do_propose_organisation(
                        request.user,
                        name=data["new_organisation_name"],
                        type=data["new_organisation_type"],
                        country=data["new_organisation_country"],
                        website=data["new_organisation_website"],
                    )
                actions.do_request_membership(
                    request.user, data["group"], organisation=organisation, reason=data["reason"]
                )
        except actions.ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Your request to join %(group)s was sent to the secretariat.")
                % {"group": data["group"]},
            )
            return redirect("my_portal")
    status = 400 if form.errors else 200
    return render(request, "portal/join_group.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("my_profile")
    return render(
        request, "portal/profile.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def notifications(request):
    items = notifications_for(viewer_for_request(request), request.user.notifications.all()[:100])
    return render(request, "portal/notifications.html", {"notifications": items})


@login_required
@require_POST
def mark_notifications_read(request):
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, _("All notifications are marked as read."))
    return redirect("my_notifications")


@login_required
def download_my_data(request):
    response = JsonResponse(
        actions.export_personal_data(request.user, viewer_for_request(request)),
        json_dumps_params={"indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="commit-portal-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.do_delete_account(request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("/")
    return render(
        request, "portal/delete_account.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    try:
        invitation = actions.find_invitation(token)
    except actions.ActionRefused as refusal:
        return render(
            request, "portal/invitation_problem.html", {"reason": str(refusal)}, status=410
        )
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = actions.do_accept_invitation(request.user, token)
        except actions.ActionRefused as refusal:
            return render(
                request, "portal/invitation_problem.html", {"reason": str(refusal)}, status=410
            )
        messages.success(
            request, _("You are now a member of %(group)s.") % {"group": membership.group}
        )
        return redirect("my_portal")
    return render(
        request,
        "portal/invitation.html",
        {
            "invitation": invitation,
            "already_member": request.user.is_authenticated
            and Membership.objects.filter(
                user=request.user, group=invitation.group, status=Membership.Status.APPROVED
            ).exists(),
        },
    )
