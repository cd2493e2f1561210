"""URLs outside the page tree, language-prefixed; included by config.urls before Wagtail."""

from django.urls import path

from consultations import views

app_name = "consultations"

urlpatterns = [
    path("consultations/", views.consultation_index, name="index"),
    path("consultations/<id:pk>/input/<str:kind>/", views.submission_edit, name="submission_edit"),
    path("consultations/<id:pk>/input/<str:kind>/autosave/", views.autosave, name="autosave"),
    path(
        "consultations/<id:pk>/input/<str:kind>/attachments/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "consultations/<id:pk>/attachments/<id:attachment_id>/",
        views.download_attachment,
        name="attachment",
    ),
    path(
        "consultations/<id:pk>/rounds/<id:number>/changes/",
        views.round_changes,
        name="round_changes",
    ),
    path("consultations/<id:pk>/inbox/", views.inbox, name="inbox"),
    path("consultations/<id:pk>/inbox/<id:comment_id>/respond/", views.respond, name="respond"),
    path("consultations/<id:pk>/inbox/responses/", views.save_responses, name="save_responses"),
    path("consultations/<id:pk>/inbox/publish/", views.publish_responses, name="publish_responses"),
    path("consultations/<id:pk>/export.<str:fmt>", views.export, name="export"),
]
