"""gunicorn settings of the portal: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

The access log goes through the same filter as Django's logs, so the secret of a personal
agency link (/toeb/<secret>/) is written as /toeb/[link]/ (planning/agencies/log_masking.py).
"""

wsgi_app = "config.wsgi"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_agency_links": {"()": "planning.agencies.log_masking.MaskAgencyLinks"}},
    "formatters": {
        "generic": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
                    "class": "logging.Formatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "generic",
                    "filters": ["mask_agency_links"], "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "formatter": "generic",
                          "filters": ["mask_agency_links"], "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False,
                           "qualname": "gunicorn.error"},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False,
                            "qualname": "gunicorn.access"},
    },
}
