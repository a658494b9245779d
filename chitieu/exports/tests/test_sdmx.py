"""Figures as SDMX read back by a standard library (sdmx1) with the same values."""

import io
from datetime import datetime
from decimal import Decimal

import pytest
import sdmx

from chitieu.catalog.models import Indicator
from chitieu.exports import sdmx as exchange
from chitieu.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_sdmx_csv_reads_back_with_its_structure_and_the_same_values(demo):
    # given the approved figures and their structure
    figures = list(exchange.exchange_figures())
    assert len(figures) > 10
    structure_bytes = exchange.structure_xml(
        Indicator.objects.all(), Organization.objects.all(), datetime(2026, 4, 7)
    )
    data_bytes = exchange.sdmx_csv(figures).encode()
    # when a standard SDMX library reads the structure message, then the data with its DSD
    structure = sdmx.read_sdmx(io.BytesIO(structure_bytes), format="XML")
    dsd = structure.structure["DSD_CHITIEU"]
    assert [d.id for d in dsd.dimensions] == ["INDICATOR", "ORGANISATION", "VINTAGE", "TIME_PERIOD"]
    forest = Indicator.objects.get(name="Tỷ lệ che phủ rừng")
    assert str(structure.codelist["CL_INDICATOR"][f"I{forest.pk}"].name) == "Tỷ lệ che phủ rừng (%)"
    message = sdmx.read_sdmx(io.BytesIO(data_bytes), format="csv", structure=dsd)
    # then every observation is there with its value
    read = {}
    for obs in message.data[0].obs:
        key = obs.key.get_values()
        read[tuple(str(v) for v in key)] = Decimal(str(obs.value))
    expected = {
        (
            f"I{f.indicator_id}",
            f"O{f.organization_id}",
            f.vintage.upper(),
            exchange.time_period(f.period_code),
        ): f.value
        for f in figures
    }
    assert read == expected


def _structure():
    message = exchange.structure_xml(
        Indicator.objects.all(), Organization.objects.all(), datetime(2026, 4, 7)
    )
    return sdmx.read_sdmx(io.BytesIO(message), format="XML").structure["DSD_CHITIEU"]


def test_sdmx_ml_data_reads_back_with_the_same_observations_as_the_database(demo):
    # given the approved figures of the demo (the statistics office's GRDP series among them)
    figures = list(exchange.exchange_figures())
    assert len(figures) > 10
    # when sdmx1 reads the structure-specific data message against the structure message's DSD
    message = sdmx.read_sdmx(
        io.BytesIO(exchange.data_xml(figures, datetime(2026, 4, 7))), structure=_structure()
    )
    # then every observation carries the figure's dimensions and value, none more, none less
    assert len(message.data) == 1
    read = {
        tuple(str(v) for v in obs.key.get_values()): Decimal(str(obs.value))
        for obs in message.data[0].obs
    }
    assert len(read) == len(message.data[0].obs) == len(figures)
    assert read == {
        (
            f"I{f.indicator_id}",
            f"O{f.organization_id}",
            f.vintage.upper(),
            exchange.time_period(f.period_code),
        ): f.value
        for f in figures
    }
    # and a value a person can check against the statistics office's yearbook
    grdp = next(f for f in figures if f.period_code == "2021" and f.vintage == "official")
    key = (f"I{grdp.indicator_id}", f"O{grdp.organization_id}", "OFFICIAL", "2021")
    assert (grdp.indicator.name, read[key]) == (
        "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) bình quân hằng năm theo giá so sánh",
        Decimal("6.75"),
    )


def test_an_empty_exchange_is_a_valid_message_without_observations(demo):
    message = sdmx.read_sdmx(
        io.BytesIO(exchange.data_xml([], datetime(2026, 4, 7))), structure=_structure()
    )
    assert [len(ds.obs) for ds in message.data] == [0]


def test_halves_are_sdmx_semesters():
    assert exchange.time_period("2026-H1") == "2026-S1"
    assert exchange.time_period("2026-Q3") == "2026-Q3"
    assert exchange.time_period("2026-06") == "2026-06"


def test_exchange_files_are_downloads_for_signed_in_people(demo, client):
    from django.contrib.auth import get_user_model

    assert client.get("/xuat/so-lieu.sdmx.csv").status_code == 302
    client.force_login(get_user_model().objects.create_user("tk", password="x"))
    data = client.get("/xuat/so-lieu.sdmx.csv")
    assert data.status_code == 200
    assert data.content.decode().startswith("STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR")
    structure = client.get("/xuat/so-lieu-cau-truc.xml")
    assert b"DSD_CHITIEU" in structure.content
    xml = client.get("/xuat/so-lieu.sdmx.xml")
    assert xml["Content-Type"].startswith("application/vnd.sdmx.structurespecificdata+xml")
    read = sdmx.read_sdmx(io.BytesIO(xml.content), structure=_structure())
    assert len(read.data[0].obs) == len(list(exchange.exchange_figures()))
    plain = client.get("/xuat/so-lieu.csv").content.decode("utf-8-sig")
    assert plain.splitlines()[0] == "chi_tieu,don_vi,co_quan,ky,loai_so_lieu,gia_tri,lan_sua"
    assert "Tỷ lệ che phủ rừng" in plain
