from django.urls import path

from .api import DialogueCommentListView

urlpatterns = [
    path("dialogues/<uuid:dialogue_uid>/comments/", DialogueCommentListView.as_view(),
         name="dialogue-comments"),
]
