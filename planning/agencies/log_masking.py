"""A logging filter that masks the secret of personal agency links (/toeb/<secret>/).

The link is opened once and exchanged for a session (link_session.py), so the secret reaches
an access log at most once; this filter removes even that. It is attached to every handler of
the Django logging configuration (runserver's "django.server" included) and to gunicorn's
access log through config/gunicorn.conf.py.
"""

import logging
import re

#: The path segment after /toeb/, except the token-free pages under /toeb/zugang/.
_LINK = re.compile(r"(/toeb/)(?!zugang/)[^/\s?#\"']+")
MASK = "[link]"


def mask_agency_links(text: str) -> str:
    return _LINK.sub(rf"\g<1>{MASK}", text)


class MaskAgencyLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_agency_links(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True
