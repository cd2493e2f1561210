"""URLs outside the page tree, language-prefixed; included by config.urls before Wagtail."""

from django.urls import path

from consultations import views

app_name = "consultations"

urlpatterns = [
    path("consultations/<int:pk>/input/<str:kind>/", views.submission_edit, name="submission_edit"),
    path("consultations/<int:pk>/input/<str:kind>/autosave/", views.autosave, name="autosave"),
    path(
        "consultations/<int:pk>/input/<str:kind>/attachments/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "consultations/<int:pk>/attachments/<int:attachment_id>/",
        views.download_attachment,
        name="attachment",
    ),
    path(
        "consultations/<int:pk>/rounds/<int:number>/changes/",
        views.round_changes,
        name="round_changes",
    ),
    path("consultations/<int:pk>/inbox/", views.inbox, name="inbox"),
    path("consultations/<int:pk>/inbox/<int:comment_id>/respond/", views.respond, name="respond"),
    path(
        "consultations/<int:pk>/inbox/publish/", views.publish_responses, name="publish_responses"
    ),
    path("consultations/<int:pk>/export.<str:fmt>", views.export, name="export"),
]
