"""Results URLs, language-prefixed; included by config.urls before Wagtail's catch-all."""

from django.urls import path

from results import views

app_name = "results"

urlpatterns = [
    path("results/", views.dashboard, name="dashboard"),
    path("results/data.<str:fmt>", views.download, name="download"),
    path("results/indicators/<str:code>/", views.indicator_detail, name="indicator"),
    path("results/countries/<str:code>/", views.country_detail, name="country"),
    path("results/reports/", views.reports, name="reports"),
    path(
        "results/reports/<id:period_pk>/<str:country_code>/",
        views.report_edit,
        name="report_edit",
    ),
    path("results/review/<id:pk>/", views.report_review, name="report_review"),
    path("results/history/<id:pk>/", views.report_history, name="report_history"),
    path("results/correct/<id:pk>/", views.report_correct, name="report_correct"),
    path("results/evidence/<id:pk>/<id:file_pk>/", views.evidence_file, name="evidence_file"),
    path(
        "results/evidence/<id:pk>/<id:file_pk>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
]
