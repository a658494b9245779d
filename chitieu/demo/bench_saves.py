"""Saving figures at the speed of a reporting round: single saves a second, and a 10.000-figure
Excel upload, each through the functions the pages use (the bench command prints both).

Both are measured as production runs, with DEBUG off: with it on (the development settings) Django
keeps every query in memory and, on SQLite, asks the database to quote the parameters of each one,
which is time no server spends.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Iterator
from typing import Any

from django.test.utils import override_settings

from chitieu.access.permissions import reportable_indicators
from chitieu.catalog.models import Indicator
from chitieu.core.numbers import format_number
from chitieu.core.periods import Period
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import FigureStatus, Frequency, Vintage
from chitieu.reporting.excel import HEADER, figure_upload_create, figure_upload_save
from chitieu.reporting.models import Figure
from chitieu.reporting.services import ALLOWED, figure_save, frequencies

SAVES = 300
FIRST_NEW_YEAR = 2031  # the bench's figures run to 2025 and the saves above write 2026


@override_settings(DEBUG=False)
def saves_per_second(agency: Organization, user: Any, rng: random.Random) -> float:
    """Revision-checked saves by a reporter of the agency, one after another, as the form sends them."""
    indicators = list(
        Indicator.objects.filter(
            key__startswith="bench|", targets__responsibilities__organization=agency
        )
    )
    # a writer sends the revision it saw (every save is revision-checked): the page it opened
    # showed the stored ones, and the row a save answers with shows the new one. Reading them is
    # the page's work, measured with the pages, not the save's.
    seen = {
        (i, p): r
        for i, p, r in Figure.objects.filter(
            organization=agency, period_code__startswith="2026-", vintage=Vintage.ESTIMATE
        ).values_list("indicator_id", "period_code", "revision")
    }
    start = time.perf_counter()
    for i in range(SAVES):
        indicator, period = indicators[i % len(indicators)], f"2026-{i % 12 + 1:02d}"
        saved = figure_save(
            user=user,
            indicator=indicator,
            organization=agency,
            period_code=period,
            vintage=Vintage.ESTIMATE,
            value=f"{rng.uniform(40, 80):.2f}",
            expected_revision=seen.get((indicator.pk, period), 0),
        )
        seen[indicator.pk, period] = saved.figure.revision
    return round(SAVES / (time.perf_counter() - start), 1)


@override_settings(DEBUG=False)
def bulk_seconds(agency: Organization, user: Any, n: int = 10000) -> float:
    """Seconds to preview and save an Excel sheet of ``n`` figures of the agency (its draft
    figures changed, the rest new), through the functions the upload page calls."""
    data = figures_workbook(agency, n, random.Random(n))
    start = time.perf_counter()
    kept, up = figure_upload_create(organization=agency, name="bench.xlsx", data=data, user=user)
    if kept is None:
        raise RuntimeError(f"tệp bị từ chối; số đo không có nghĩa: {up.errors[:3]}")
    saved = figure_upload_save(upload=kept, user=user)
    elapsed = time.perf_counter() - start
    if len(saved.rows) != n:
        raise RuntimeError(f"chỉ lưu {len(saved.rows)}/{n} số liệu; số đo không có nghĩa")
    return round(elapsed, 2)


def figures_workbook(agency: Organization, n: int, rng: random.Random) -> bytes:
    """An upload sheet as the template lays it out: the agency's draft figures with their id and
    revision (changed values), then new figures of its indicators until there are ``n`` rows."""
    import openpyxl

    indicators = reportable_indicators(agency)
    by_id = {i.pk: i for i in indicators}
    stored = list(Figure.objects.filter(organization=agency, indicator_id__in=by_id))
    taken = {(f.indicator_id, f.period_code, f.vintage) for f in stored}
    # an ordinary workbook, as the template and a spreadsheet program write it (with the sheet's
    # dimension, which the upload checks before reading a row)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["MẪU NHẬP SỐ LIỆU CHỈ TIÊU"])
    ws.append(["Cơ quan:", agency.name, "", "Mã cơ quan:", agency.pk])
    ws.append(["Kỳ:", "", "", "Số liệu thử cho phép đo"])
    ws.append(HEADER)
    rows = 0
    for f in stored:
        if rows == n:
            break
        if f.status not in (FigureStatus.DRAFT, FigureStatus.RETURNED):
            continue
        ind = by_id[f.indicator_id]
        value = format_number(f.value.normalize() + 1)
        label = Vintage(f.vintage).label
        ws.append(
            [ind.pk, ind.name, ind.unit, f.period_code, label, value, "", "", f.pk, f.revision]
        )
        rows += 1
    for ind, code, vintage in _new_keys(indicators, taken):
        if rows == n:
            break
        value = format_number(round(rng.uniform(40, 80), 2))
        ws.append([ind.pk, ind.name, ind.unit, code, Vintage(vintage).label, value, "", "", "", 0])
        rows += 1
    if rows < n:
        raise RuntimeError(f"chỉ tạo được {rows}/{n} số liệu cho {agency.name}")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _new_keys(
    indicators: list[Indicator], taken: set[tuple[int, str, str]]
) -> Iterator[tuple[Indicator, str, str]]:
    """Figures the agency may report and has not: every period its frequency allows, year by year."""
    freq = frequencies(i.pk for i in indicators)
    for year in range(FIRST_NEW_YEAR, 2101):
        periods = [
            *(Period.month(year, m) for m in range(1, 13)),
            *(Period.quarter(year, q) for q in range(1, 5)),
            Period.h1(year),
            Period.h2(year),
            Period.nine_months(year),
            Period.whole_year(year),
        ]
        for ind in indicators:
            allowed = ALLOWED[Frequency(freq[ind.pk])]
            for p in periods:
                if p.kind not in allowed:
                    continue
                for vintage in Vintage.values:
                    if (ind.pk, p.code, vintage) not in taken:
                        yield ind, p.code, vintage
