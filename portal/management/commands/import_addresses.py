import json

from django.core.management.base import BaseCommand, CommandError

from portal.services.address_import import AddressImportFailed, import_addresses


class Command(BaseCommand):
    help = (
        "Fill the optional local address index from an open address list (CSV with the "
        "OpenAddresses columns LON, LAT, NUMBER, STREET, CITY, POSTCODE). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--replace", action="store_true", help="empty the index first")
        parser.add_argument("--json", action="store_true", help="print one JSON report to stdout")

    def handle(self, *args, **options):
        try:
            report = import_addresses(path=options["file"], replace=options["replace"])
        except (AddressImportFailed, OSError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            self.stdout.write(f"{report['imported']} addresses imported, "
                              f"{len(report['skipped'])} rows skipped, {report['total']} in the index")
