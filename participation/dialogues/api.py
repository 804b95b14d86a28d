"""/api/dialogues/<uid>/comments/: a dialogue's published comments (public, paginated).

Only what the public page shows: no e-mail address, no account, no moderation data; the
author's display name as shown there. The text is plain text (the stored HTML without tags),
the place a GeoJSON geometry in WGS84 or null. 404 when the dialogue's authority has the module
switched off (or is inactive). docs/dialogues.md.
"""

import json

from django.contrib.gis.db.models.functions import Transform
from django.db.models import Count, Q
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.pagination import LimitOffsetPagination

from .apps import MODULE_CODE
from .export import plain_text
from .models import CommentStatus, Dialogue


class CommentSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uid")
    reply_to = serializers.SerializerMethodField()
    created = serializers.DateTimeField(source="created_at")
    topic = serializers.CharField()
    text = serializers.SerializerMethodField()
    author = serializers.CharField(source="author_name")
    agree = serializers.IntegerField()
    disagree = serializers.IntegerField()
    location = serializers.SerializerMethodField()

    def get_reply_to(self, comment) -> str | None:
        return str(comment.parent.uid) if comment.parent_id else None

    def get_text(self, comment) -> str:
        return plain_text(comment.text)

    def get_location(self, comment) -> dict | None:
        return json.loads(comment.wgs84.json) if comment.wgs84 is not None else None


class CommentPagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 500


class DialogueCommentListView(generics.ListAPIView):
    """The published comments of a dialogue, oldest first (replies name the comment they
    answer in `reply_to`). Paginated (`limit`, `offset`, `next`). Each comment: id, reply_to,
    created, topic, text (plain text), author (the display name shown on the public page),
    agree and disagree counts, and its place as a GeoJSON geometry in WGS84 or null. Comments
    awaiting moderation or hidden by a moderator are not listed."""

    serializer_class = CommentSerializer
    pagination_class = CommentPagination
    filter_backends: list = []

    def get_queryset(self):
        dialogue = (Dialogue.objects.select_related("authority")
                    .filter(uid=self.kwargs["dialogue_uid"], authority__is_active=True).first())
        if dialogue is None or not dialogue.authority.has_module(MODULE_CODE):
            raise Http404
        return (dialogue.comments.filter(status=CommentStatus.VISIBLE)
                .select_related("author", "parent")
                .annotate(agree=Count("ratings", filter=Q(ratings__value=1), distinct=True),
                          disagree=Count("ratings", filter=Q(ratings__value=-1), distinct=True),
                          wgs84=Transform("location", 4326))
                .order_by("created_at", "pk"))

    @extend_schema(operation_id="dialogue_comments_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
