from django.urls import path

from . import views

urlpatterns = [
    path("plans/", views.PlanListView.as_view(), name="plan-list"),
    path("plans/<uuid:uid>/", views.PlanDetailView.as_view(), name="plan-detail"),
]
