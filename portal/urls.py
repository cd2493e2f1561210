from django.urls import path

from portal import views

urlpatterns = [
    path("me/", views.my_portal, name="my_portal"),
    path("me/join/", views.join_group, name="join_group"),
    path("me/profile/", views.profile, name="my_profile"),
    path("me/notifications/", views.notifications, name="my_notifications"),
    path("me/notifications/read/", views.mark_notifications_read, name="mark_notifications_read"),
    path("me/data.json", views.download_my_data, name="download_my_data"),
    path("me/delete/", views.delete_account, name="delete_account"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
