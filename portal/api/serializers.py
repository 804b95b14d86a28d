from rest_framework import serializers

from ..models import Authority, Membership


class AuthoritySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Authority
        fields = ["id", "name", "slug", "kind", "ags", "ars", "parent", "colour", "url"]

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "username", "role"]


class StaffAuthoritySerializer(AuthoritySerializer):
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta(AuthoritySerializer.Meta):
        fields = AuthoritySerializer.Meta.fields + [
            "enabled_modules", "contact_email", "contact_phone", "contact_address", "website",
            "dpo_name", "dpo_email", "is_active", "memberships",
        ]
