"""manage.py open311_key create --authority SLUG --client NAME [--json]: issue an Open311 key.

The key is printed once; only its hash is stored."""

import json

from django.core.management.base import BaseCommand, CommandError

from portal.models import Authority

from ...services.api_keys import issue_key


class Command(BaseCommand):
    help = "Issue an Open311 API key for a client of an authority (printed once)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--authority", required=True, help="the authority's slug")
        create.add_argument("--client", required=True, help="the client's name")
        create.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        authority = Authority.objects.filter(slug=options["authority"]).first()
        if authority is None:
            raise CommandError(f"No authority with the slug {options['authority']!r}.")
        if not options["client"].strip():
            raise CommandError("The client needs a name.")
        record, plain = issue_key(authority=authority, client_name=options["client"])
        if options["json"]:
            self.stdout.write(json.dumps({"authority": authority.slug,
                                          "client": record.client_name, "api_key": plain}))
        else:
            self.stdout.write(f"API key for {record.client_name} ({authority.slug}): {plain}")
            self.stdout.write("It is shown only now; the portal stores only its hash.")
