"""Figures for statistical exchange: SDMX-CSV 2.0 and an SDMX-ML 2.1 structure-specific data
message, both described by an SDMX-ML 2.1 structure message (codelists, concepts, the data
structure definition and its dataflow), and plain CSV.

Written with the standard library only; the tests read both back with ``sdmx1``."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime
from itertools import groupby

from chitieu.catalog.models import Indicator
from chitieu.core.periods import Period, PeriodKind
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import FigureStatus, Vintage
from chitieu.reporting.models import Figure

AGENCY = "VN_LS"
VERSION = "1.0"
DSD = "DSD_CHITIEU"
DATAFLOW = "DF_CHITIEU"
CONCEPTS = "CS_CHITIEU"
DIMENSIONS = [
    ("INDICATOR", "Chỉ tiêu", "CL_INDICATOR"),
    ("ORGANISATION", "Cơ quan báo cáo", "CL_ORGANISATION"),
    ("VINTAGE", "Loại số liệu", "CL_VINTAGE"),
]
NS = {
    "mes": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
    "str": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
    "com": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
    "ss": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
# the namespace of the data set's own elements, named by the DSD it follows (SDMX 2.1 section 3)
DATA_NS = f"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={AGENCY}:{DSD}({VERSION})"
STRUCTURE_REF = f"{AGENCY}_{DSD}_{VERSION.replace('.', '_')}"
for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def indicator_code(pk: int) -> str:
    return f"I{pk}"


def organisation_code(pk: int) -> str:
    return f"O{pk}"


def time_period(code: str) -> str:
    """Our period code in SDMX's reporting-period form: halves are semesters ("2026-S1")."""
    p = Period.parse(code)
    if p.kind is PeriodKind.H1:
        return f"{p.year}-S1"
    if p.kind is PeriodKind.H2:
        return f"{p.year}-S2"
    return p.code


def exchange_figures() -> Iterable[Figure]:
    """The figures that leave the system: approved ones only, in a stable order."""
    return (
        Figure.objects.filter(status=FigureStatus.APPROVED)
        .select_related("indicator", "organization")
        .order_by("indicator_id", "organization_id", "vintage", "period_code")
    )


def _q(prefix: str, tag: str) -> str:
    return f"{{{NS[prefix]}}}{tag}"


def _name(parent: ET.Element, text: str) -> None:
    el = ET.SubElement(parent, _q("com", "Name"))
    el.set("{http://www.w3.org/XML/1998/namespace}lang", "vi")
    el.text = text


def _ref(parent: ET.Element, **attrs: str) -> None:
    ET.SubElement(parent, "Ref", {k.rstrip("_"): v for k, v in attrs.items()})


def _concept_ref(parent: ET.Element, concept: str) -> None:
    identity = ET.SubElement(parent, _q("str", "ConceptIdentity"))
    _ref(
        identity,
        id=concept,
        maintainableParentID=CONCEPTS,
        maintainableParentVersion=VERSION,
        agencyID=AGENCY,
        package="conceptscheme",
        class_="Concept",
    )


def structure_xml(
    indicators: Iterable[Indicator], organisations: Iterable[Organization], prepared: datetime
) -> bytes:
    """The SDMX-ML 2.1 structure message describing the figures' dataset."""
    root = ET.Element(_q("mes", "Structure"))
    _header(root, "CHITIEU_STRUCTURE", prepared)
    structures = ET.SubElement(root, _q("mes", "Structures"))

    flows = ET.SubElement(structures, _q("str", "Dataflows"))
    flow = ET.SubElement(
        flows, _q("str", "Dataflow"), id=DATAFLOW, agencyID=AGENCY, version=VERSION
    )
    _name(flow, "Số liệu chỉ tiêu kinh tế - xã hội tỉnh Lạng Sơn")
    _ref(
        ET.SubElement(flow, _q("str", "Structure")),
        id=DSD,
        version=VERSION,
        agencyID=AGENCY,
        package="datastructure",
        class_="DataStructure",
    )

    codelists = ET.SubElement(structures, _q("str", "Codelists"))
    entries = {
        "CL_INDICATOR": (
            "Chỉ tiêu",
            [
                (indicator_code(i.pk), f"{i.name} ({i.unit})" if i.unit else i.name)
                for i in indicators
            ],
        ),
        "CL_ORGANISATION": (
            "Cơ quan",
            [(organisation_code(o.pk), o.name) for o in organisations],
        ),
        "CL_VINTAGE": ("Loại số liệu", [(v.value.upper(), v.label) for v in Vintage]),
    }
    for cl_id, (title, codes) in entries.items():
        cl = ET.SubElement(
            codelists, _q("str", "Codelist"), id=cl_id, agencyID=AGENCY, version=VERSION
        )
        _name(cl, title)
        for code, label in codes:
            _name(ET.SubElement(cl, _q("str", "Code"), id=code), label)

    concepts = ET.SubElement(structures, _q("str", "Concepts"))
    scheme = ET.SubElement(
        concepts, _q("str", "ConceptScheme"), id=CONCEPTS, agencyID=AGENCY, version=VERSION
    )
    _name(scheme, "Khái niệm của số liệu chỉ tiêu")
    for cid, title in [
        *((d, t) for d, t, _ in DIMENSIONS),
        ("TIME_PERIOD", "Kỳ"),
        ("OBS_VALUE", "Giá trị"),
    ]:
        _name(ET.SubElement(scheme, _q("str", "Concept"), id=cid), title)

    dsds = ET.SubElement(structures, _q("str", "DataStructures"))
    dsd = ET.SubElement(dsds, _q("str", "DataStructure"), id=DSD, agencyID=AGENCY, version=VERSION)
    _name(dsd, "Cấu trúc số liệu chỉ tiêu")
    comps = ET.SubElement(dsd, _q("str", "DataStructureComponents"))
    dims = ET.SubElement(comps, _q("str", "DimensionList"), id="DimensionDescriptor")
    for pos, (did, _, cl_id) in enumerate(DIMENSIONS, start=1):
        dim = ET.SubElement(dims, _q("str", "Dimension"), id=did, position=str(pos))
        _concept_ref(dim, did)
        enum = ET.SubElement(
            ET.SubElement(dim, _q("str", "LocalRepresentation")), _q("str", "Enumeration")
        )
        _ref(
            enum, id=cl_id, version=VERSION, agencyID=AGENCY, package="codelist", class_="Codelist"
        )
    time = ET.SubElement(
        dims, _q("str", "TimeDimension"), id="TIME_PERIOD", position=str(len(DIMENSIONS) + 1)
    )
    _concept_ref(time, "TIME_PERIOD")
    ET.SubElement(
        ET.SubElement(time, _q("str", "LocalRepresentation")),
        _q("str", "TextFormat"),
        textType="ObservationalTimePeriod",
    )
    measures = ET.SubElement(comps, _q("str", "MeasureList"), id="MeasureDescriptor")
    _concept_ref(ET.SubElement(measures, _q("str", "PrimaryMeasure"), id="OBS_VALUE"), "OBS_VALUE")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _value(f: Figure) -> str:
    # a plain decimal with a point, as SDMX-CSV requires (not the Vietnamese display form)
    return format(f.value.normalize(), "f")


def _header(root: ET.Element, message_id: str, prepared: datetime) -> ET.Element:
    header = ET.SubElement(root, _q("mes", "Header"))
    ET.SubElement(header, _q("mes", "ID")).text = message_id
    ET.SubElement(header, _q("mes", "Test")).text = "false"
    ET.SubElement(header, _q("mes", "Prepared")).text = prepared.strftime("%Y-%m-%dT%H:%M:%S")
    ET.SubElement(header, _q("mes", "Sender"), id=AGENCY)
    return header


def data_xml(figures: Iterable[Figure], prepared: datetime) -> bytes:
    """SDMX-ML 2.1 structure-specific data: a series per indicator, organisation and vintage,
    an observation per period (the same figures and values as :func:`sdmx_csv`)."""
    root = ET.Element(_q("mes", "StructureSpecificData"))
    header = _header(root, "CHITIEU_DATA", prepared)
    structure = ET.SubElement(
        header,
        _q("mes", "Structure"),
        structureID=STRUCTURE_REF,
        namespace=DATA_NS,
        dimensionAtObservation="TIME_PERIOD",
    )
    _ref(
        ET.SubElement(structure, _q("com", "Structure")),
        agencyID=AGENCY,
        id=DSD,
        version=VERSION,
    )
    dataset = ET.SubElement(
        root,
        _q("mes", "DataSet"),
        {
            _q("ss", "dataScope"): "DataStructure",
            _q("ss", "structureRef"): STRUCTURE_REF,
            _q("xsi", "type"): f"{{{DATA_NS}}}DataSetType",
            "action": "Information",
        },
    )

    def key(f: Figure) -> tuple[int, int, str]:
        return (f.indicator_id, f.organization_id, f.vintage)

    for (indicator, organisation, vintage), observations in groupby(
        sorted(figures, key=key), key=key
    ):
        series = ET.SubElement(
            dataset,
            "Series",
            INDICATOR=indicator_code(indicator),
            ORGANISATION=organisation_code(organisation),
            VINTAGE=vintage.upper(),
        )
        for f in observations:
            ET.SubElement(
                series, "Obs", TIME_PERIOD=time_period(f.period_code), OBS_VALUE=_value(f)
            )
    xml = ET.tostring(root, encoding="unicode")
    # ElementTree writes no QName inside an attribute value: declare the data set's prefix itself
    xml = xml.replace(f'"{{{DATA_NS}}}DataSetType"', '"dsd:DataSetType"').replace(
        "<mes:StructureSpecificData ", f'<mes:StructureSpecificData xmlns:dsd="{DATA_NS}" ', 1
    )
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + xml.encode()


def sdmx_csv(figures: Iterable[Figure]) -> str:
    """SDMX-CSV 2.0: one observation per line, dimensions as codes of the structure's lists."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["STRUCTURE", "STRUCTURE_ID", "ACTION", *(d for d, _, _ in DIMENSIONS), "TIME_PERIOD"]
        + ["OBS_VALUE"]
    )
    flow = f"{AGENCY}:{DATAFLOW}({VERSION})"
    for f in figures:
        w.writerow(
            [
                "dataflow",
                flow,
                "I",
                indicator_code(f.indicator_id),
                organisation_code(f.organization_id),
                f.vintage.upper(),
                time_period(f.period_code),
                _value(f),
            ]
        )
    return buf.getvalue()


def plain_csv(figures: Iterable[Figure]) -> str:
    """The same figures with names instead of codes, for a spreadsheet (UTF-8, comma, point)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["chi_tieu", "don_vi", "co_quan", "ky", "loai_so_lieu", "gia_tri", "lan_sua"])
    for f in figures:
        w.writerow(
            [
                f.indicator.name,
                f.indicator.unit,
                f.organization.name,
                f.period_code,
                f.vintage,
                _value(f),
                f.revision,
            ]
        )
    return buf.getvalue()
