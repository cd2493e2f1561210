"""URLs outside the page tree, language-prefixed; included by config.urls before Wagtail."""

from django.urls import path

from forums import views

app_name = "forums"

urlpatterns = [
    path("forums/", views.forum_index, name="index"),
    path("forums/moderation/", views.moderation_queue, name="moderation"),
    path("forums/moderation/act/", views.moderation_act, name="moderation_act"),
    path("forums/safeguarding/", views.safeguarding_queue, name="safeguarding"),
    path("forums/safeguarding/<id:pk>/", views.safeguarding_case, name="safeguarding_case"),
    path("forums/threads/<id:pk>/", views.thread_detail, name="thread"),
    path("forums/threads/<id:pk>/reply/", views.thread_reply, name="reply"),
    path("forums/threads/<id:pk>/watch/", views.thread_watch, name="watch"),
    path("forums/posts/<id:pk>/edit/", views.post_edit, name="edit_post"),
    path("forums/posts/<id:pk>/delete/", views.post_delete, name="delete_post"),
    path("forums/posts/<id:pk>/flag/", views.post_flag, name="flag_post"),
    path("forums/<slug:slug>/", views.forum_detail, name="forum"),
    path("forums/<slug:slug>/new/", views.thread_new, name="new_thread"),
]
