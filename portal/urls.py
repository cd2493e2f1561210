from django.urls import path
from django.views.generic import TemplateView

from portal import views

urlpatterns = [
    path("me/", views.my_portal, name="my_portal"),
    path("me/join/", views.join_group, name="join_group"),
    path("me/profile/", views.profile, name="my_profile"),
    path("me/notifications/", views.notifications, name="my_notifications"),
    path("me/notifications/read/", views.mark_notifications_read, name="mark_notifications_read"),
    path("me/data.json", views.download_my_data, name="download_my_data"),
    path("me/delete/", views.delete_account, name="delete_account"),
    # The design system's pattern page: every component, for editors and developers.
    path(
        "styleguide/",
        TemplateView.as_view(template_name="portal/styleguide.html"),
        name="styleguide",
    ),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
