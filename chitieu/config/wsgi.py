"""WSGI entry point; production sets DJANGO_SETTINGS_MODULE=chitieu.config.settings.prod."""

import logging
import os
from datetime import date

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chitieu.config.settings.prod")
application = get_wsgi_application()


def warm() -> None:
    """Pay here, while a worker starts and before it takes a request, what the first person it
    serves would otherwise wait for (1–2 s measured): every view module with the Excel, Word
    and API libraries behind the URLs, and the holiday calendar (the `holidays` package loads
    every country's rules the first time it is asked); and the PDF printer with its fonts (the
    first PDF of a worker took 4–5 s, the next ones under 1 s)."""
    from django.urls import get_resolver

    from chitieu.core.calendar import default_holidays
    from chitieu.exports.pdf_layout import warm as warm_pdf

    get_resolver().url_patterns  # noqa: B018 - reading it imports every view
    default_holidays(date.today().year)
    try:
        warm_pdf()
    except (ImportError, OSError):  # WeasyPrint without its system libraries: the PDF export
        # says so when asked; the rest of the site must still start
        logging.getLogger(__name__).warning("Chưa in thử được PDF khi khởi động", exc_info=True)


warm()
