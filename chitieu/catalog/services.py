"""Writes to the catalog: the one loader that turns an imported document into plans and targets."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction

from chitieu.audit.choices import AuditAction, Entity
from chitieu.audit.services import audit_record, audit_record_many, audit_values
from chitieu.core.periods import Period, PeriodError, PeriodKind
from chitieu.core.targets import direction_for
from chitieu.core.text import fold
from chitieu.importers.agencies import Directory, organisations
from chitieu.importers.records import Document, Row
from chitieu.importers.structure import is_part, measures_the_row_above
from chitieu.organizations.choices import OrgKind
from chitieu.organizations.models import Organization
from chitieu.organizations.selectors import organization_directory
from chitieu.organizations.services import organization_alias_add, organization_create

from .choices import IndicatorGroup, PlanKind, Role
from .keys import base_name, indicator_key, is_structure_name
from .models import Indicator, IndicatorAlias, Plan, Responsibility, Target
from .signals import targets_changed

NEW_ORGANIZATION = "new"


class ImportRefused(ValueError):
    """The document cannot be saved as it stands; the message says which rows and why."""


@dataclass
class ImportDecisions:
    """What the reviewer decided in the preview."""

    skip: set[int] = field(default_factory=set)  # positions of rows not to import
    split: set[int] = field(default_factory=set)  # positions whose catalog match is rejected
    agencies: dict[str, str] = field(
        default_factory=dict
    )  # unknown name -> organisation id or "new"
    # What the person typed where the heading could not be read (empty: keep what was read).
    period_code: str = ""
    number: str = ""
    doc_kind: str = ""
    title: str = ""
    issued_on: date | None = None


def _with_identity(document: Document, decisions: ImportDecisions) -> Document:
    """The document with the identity fields the person filled in on the preview."""
    typed = {
        "period_code": decisions.period_code,
        "number": decisions.number,
        "doc_kind": decisions.doc_kind,
        "title": decisions.title,
        "issued_on": decisions.issued_on,
    }
    changes = {k: v for k, v in typed.items() if v}
    return replace(document, **changes) if changes else document


@dataclass
class ImportResult:
    plan: Plan
    created: bool
    indicators_created: int = 0
    indicators_matched: int = 0
    not_loaded: list[str] = field(
        default_factory=list
    )  # rows of actual figures or tasks, left for now


def _group_of(section: str) -> str:
    key = fold(section)
    for words, group in (
        ("kinh tế", IndicatorGroup.ECONOMIC),
        ("xã hội", IndicatorGroup.SOCIAL),
        ("môi trường", IndicatorGroup.ENVIRONMENT),
    ):
        if fold(words) in key:
            return group
    return IndicatorGroup.OTHER


def _plan_kind(period: Period) -> str:
    if period.kind is PeriodKind.MULTI_YEAR:
        return PlanKind.FIVE_YEAR if period.end_year - period.year == 4 else PlanKind.PROGRAM
    return PlanKind.ANNUAL


def existing_plan(document: Document) -> Plan | None:
    """The plan already imported from this file, or from another copy of the same document."""
    plan = Plan.objects.filter(source_checksum=document.checksum).first()
    if plan is None and document.number:
        plan = Plan.objects.filter(
            doc_kind=document.doc_kind, number=document.number, issued_on=document.issued_on
        ).first()
    return plan


_KIND_LABELS = {"actual": "số ước thực hiện/thực hiện", "action": "nhiệm vụ"}


def _rows_not_loaded(rows: list[Row]) -> dict[int, str]:
    """Rows this loader does not save yet (actual figures, tasks), each with the warning shown."""
    out: dict[int, str] = {}
    for i, row in enumerate(rows):
        if row.kind != "target":
            label = _KIND_LABELS.get(row.kind, row.kind)
            out[i] = (
                f"Dòng {row.line}: “{row.name}” là {label}"
                + (f" kỳ {row.period}" if row.period else "")
                + " — chưa nhập ở bước này, không lưu thành mục tiêu."
            )
    return out


def _own_indicators(rows: list[Row], parents: dict[int, int], skip: dict[int, str]) -> list[str]:
    """A warning for each row printed under another that the catalog files as its own."""
    out = []
    for i, row in enumerate(rows):
        if row.no is None and row.parent_no is not None and i not in parents and i not in skip:
            msg = (
                f"Dòng {row.line}: “{row.name}” in không số dưới dòng {row.parent_no} nhưng không "
                "phải một phần của dòng đó — lưu thành chỉ tiêu riêng, cần xem lại."
            )
            if msg not in out:
                out.append(msg)
    return out


def _row_periods(rows: list[Row], plan_period: Period, decisions: ImportDecisions) -> list[str]:
    """The period each row's target is for: its own (a column "Năm 2027") or the plan's."""
    out = []
    bad = []
    for i, row in enumerate(rows):
        code = plan_period.code
        if row.period and row.period != plan_period.code:
            try:
                code = Period.parse(row.period).code
            except PeriodError:
                if i not in decisions.skip and row.kind == "target":
                    bad.append(f"Dòng {row.line}: kỳ “{row.period}” không đọc được")
        out.append(code)
    if bad:
        raise ImportRefused("Chưa thể lưu: " + "; ".join(bad) + ".")
    return out


def row_parents(rows: list[Row]) -> dict[int, int]:
    """Position of each sub-row -> position of the row it is a part of.

    A reader files an unnumbered row under the numbered row above (its ``parent_no``); the
    catalog keeps it there only when it is a part of that row (see
    :mod:`chitieu.importers.structure`) — otherwise it is an indicator of its own. The same
    indicator printed again in a second unit belongs to the row just above it.
    """
    parents: dict[int, int] = {}
    last_numbered: int | None = None
    for i, row in enumerate(rows):
        if row.no is not None:
            if row.kind == "target":  # an actual figure or a task is not saved: not a parent
                last_numbered = i
        elif last_numbered is not None and row.parent_no is not None:
            # A reader leaves parent_no empty for an unnumbered row that is an indicator of
            # its own (issue 9, point 6); only a row it filed under another may belong to it.
            above = rows[i - 1]
            second_unit = above.unit != row.unit and fold(above.name) == fold(row.name)
            if i - 1 != last_numbered and above.no is None and second_unit:
                parents[i] = i - 1  # the same indicator in a second unit
                continue
            parent = rows[last_numbered]
            if is_part(row.name, parent.name, parent_has_target=bool(parent.target_text)):
                parents[i] = last_numbered
    return parents


def structure_positions(rows: list[Row], parents: dict[int, int]) -> set[int]:
    """Rows whose sub-rows are shares of a whole (Cơ cấu …, Tỷ trọng … with sector rows)."""
    with_children = set(parents.values())
    return {i for i in with_children if is_structure_name(rows[i].name) or not rows[i].target_text}


def row_keys(rows: list[Row]) -> list[str]:
    """The catalog key of every row, in order."""
    parents = row_parents(rows)
    structures = structure_positions(rows, parents)
    keys = []
    for i, row in enumerate(rows):
        p = parents.get(i)
        of_parent = p is not None and (p in structures or measures_the_row_above(row.name))
        parent_name = rows[p].name if p is not None and of_parent else None
        keys.append(indicator_key(row.name, row.unit, parent_name))
    return keys


def indicator_lookup(keys: list[str]) -> dict[str, Indicator]:
    """Existing indicators for these keys, by their own key or a recorded alias."""
    found = {i.key: i for i in Indicator.objects.filter(key__in=keys)}
    for alias in IndicatorAlias.objects.filter(key__in=keys).select_related("indicator"):
        found.setdefault(alias.key, alias.indicator)
    return found


def _too_long(model: type[models.Model], field: str, value: str) -> str:
    """ "“<field label>” dài N ký tự, quá M" when ``value`` does not fit the column, else ""."""
    f = model._meta.get_field(field)
    limit = getattr(f, "max_length", None)
    if limit is None or len(value) <= limit:
        return ""
    return f"“{f.verbose_name}” dài {len(value)} ký tự, vượt giới hạn {limit}"


def _refuse_too_long(
    document: Document, rows: list[Row], keys: list[str], decisions: ImportDecisions
) -> None:
    """Refuse, naming the row and the field, any text longer than its column holds.

    PostgreSQL rejects such a value mid-transaction (SQLite would keep it): the person is told
    which cell to shorten instead of meeting a server error.
    """
    bad = [
        f"{why} (“{getattr(document, name)[:60]}…”)"
        for model, field, name in (
            (Plan, "title", "title"),
            (Plan, "doc_kind", "doc_kind"),
            (Plan, "number", "number"),
            (Plan, "issuer", "issuer"),
            (Plan, "target_header", "target_header"),
            (Plan, "source_name", "source_name"),
        )
        if (why := _too_long(model, field, getattr(document, name)))
    ]
    for i, row in enumerate(rows):
        if i in decisions.skip or row.kind != "target":
            continue
        checks = [
            (Target, "printed_name", row.name),
            (Indicator, "name", base_name(row.name)),
            (Indicator, "key", keys[i]),
            (Target, "printed_unit", row.unit),
            (Target, "row_no", row.no or ""),
            (Target, "parent_no", row.parent_no or ""),
            (Target, "section", row.group),
        ]
        reasons = list(dict.fromkeys(w for m, f, v in checks if (w := _too_long(m, f, v))))
        bad += [f"Dòng {row.line}: {why}" for why in reasons]
    if bad:
        raise ImportRefused(
            "Chưa thể lưu: có nội dung dài hơn mức cho phép, hãy rút gọn trong tệp hoặc "
            "bỏ qua dòng đó.\n" + "\n".join(bad)
        )


def _refuse_unfixed(rows: list[Row], decisions: ImportDecisions) -> None:
    bad = [
        f"Dòng {r.line}: {r.error} (nội dung: {r.raw})"
        for i, r in enumerate(rows)
        if r.error and i not in decisions.skip
    ]
    if bad:
        raise ImportRefused(
            "Chưa thể lưu: các dòng sau chưa đọc được, hãy sửa tệp hoặc chọn bỏ qua từng dòng.\n"
            + "\n".join(bad)
        )


def _organization_for(
    name: str, decisions: ImportDecisions, cache: dict[str, Organization | None]
) -> Organization | None:
    if name in cache:
        return cache[name]
    choice = decisions.agencies.get(name, "")
    if choice and (why := _too_long(Organization, "name", name)):
        raise ImportRefused(f"Tên cơ quan “{name[:60]}…”: {why}; hãy rút gọn trong tệp.")
    org: Organization | None = None
    if choice == NEW_ORGANIZATION:
        org = Organization.objects.filter(name=name).first() or organization_create(
            name=name, kind=OrgKind.AGENCY, aliases=[name]
        )
    elif choice:
        org = Organization.objects.filter(pk=int(choice)).first()
        if org is None:
            raise ImportRefused(f"Cơ quan được chọn cho “{name}” không còn tồn tại.")
        organization_alias_add(organization=org, name=name)
    cache[name] = org
    return org


@transaction.atomic
def plan_import(
    *,
    document: Document,
    decisions: ImportDecisions | None = None,
    user: object | None = None,
    source_bytes: bytes | None = None,
    directory: Directory | None = None,
) -> ImportResult:
    """Save a reviewed document as a plan with its targets and responsibilities, all or nothing.

    Importing a file already imported (or another copy of the same document) creates nothing.
    """
    decisions = decisions or ImportDecisions()
    document = _with_identity(document, decisions)
    if (plan := existing_plan(document)) is not None:
        return ImportResult(plan=plan, created=False)
    rows = document.rows
    if all(i in decisions.skip for i in range(len(rows))):
        raise ImportRefused(
            f"{document.source_name}: không có dòng chỉ tiêu nào để lưu"
            + (" (mọi dòng đều được chọn bỏ qua)." if rows else ".")
        )
    _refuse_unfixed(rows, decisions)
    try:
        period = Period.parse(document.period_code)
    except PeriodError as exc:
        typed = f" “{document.period_code}”" if document.period_code else ""
        raise ImportRefused(
            f"{document.source_name}: không xác định được kỳ kế hoạch{typed} từ tiêu đề "
            f"(“{document.title}”); hãy ghi kỳ vào ô “Kỳ kế hoạch” (ví dụ 2026 hoặc 2026-2030)."
        ) from exc
    _refuse_too_long(document, rows, row_keys(rows), decisions)
    directory = directory or organization_directory()
    periods = _row_periods(rows, period, decisions)
    not_loaded = _rows_not_loaded(rows)
    parents = row_parents(rows)
    own = _own_indicators(rows, parents, not_loaded)
    plan = Plan.objects.create(
        kind=_plan_kind(period),
        doc_kind=document.doc_kind,
        number=document.number,
        issued_on=document.issued_on,
        issuer=document.issuer,
        title=document.title or document.source_name,
        period_code=period.code,
        target_header=document.target_header,
        source_name=document.source_name,
        source_checksum=document.checksum,
        layout=document.layout,
        warnings=[*document.warnings, *own, *not_loaded.values()],
        imported_by=user if getattr(user, "pk", None) else None,
    )
    if source_bytes is not None:
        plan.source_file.save(document.source_name, ContentFile(source_bytes), save=True)

    structures = structure_positions(rows, parents)
    keys = row_keys(rows)
    known = indicator_lookup(keys)
    orgs = {o.name: o for o in Organization.objects.all()}
    org_cache: dict[str, Organization | None] = {}
    by_position: dict[int, Indicator] = {}
    seen: dict[tuple[int, str], int] = {}
    imported: list[tuple[Target, list[dict[str, str]]]] = []
    result = ImportResult(plan=plan, created=True)
    result.not_loaded = list(not_loaded.values())
    for i, row in enumerate(rows):
        if i in decisions.skip or i in not_loaded:
            continue
        p = parents.get(i)
        parent_ind = by_position.get(p) if p is not None else None
        indicator = None if i in decisions.split else known.get(keys[i])
        if indicator is None:
            key = keys[i] if i not in decisions.split else f"{keys[i]}~{document.checksum[:12]}:{i}"
            indicator = Indicator.objects.create(
                name=base_name(row.name),
                unit=row.unit,
                key=key,
                group=_group_of(row.group)
                if row.group
                else (parent_ind.group if parent_ind else IndicatorGroup.OTHER),
                parent=parent_ind,
                is_structure=i in structures,
                direction=direction_for(row.name, structure=p in structures),
            )
            known[keys[i]] = indicator
            result.indicators_created += 1
        else:
            result.indicators_matched += 1
        if (indicator.pk, periods[i]) in seen:
            raise ImportRefused(
                f"Dòng {row.line} và dòng {rows[seen[indicator.pk, periods[i]]].line} cùng ứng với chỉ tiêu "
                f"“{indicator.name}”; hãy bỏ qua một dòng hoặc tách thành chỉ tiêu riêng."
            )
        seen[indicator.pk, periods[i]] = i
        by_position[i] = indicator
        t = row.target
        target = Target.objects.create(
            plan=plan,
            indicator=indicator,
            period_code=periods[i],
            position=i,
            row_no=row.no or "",
            parent_no=row.parent_no or "",
            section=row.group,
            printed_name=row.name,
            printed_unit=row.unit,
            printed_text=row.target_text,
            kind=str(t.kind) if t else "",
            low=t.low if t else None,
            high=t.high if t else None,
            value=t.value if t else None,
            strict=t.strict if t else False,
            lead_text=row.lead_text,
            coordinating_text=row.coordinating_text,
            source_line=row.line,
            source_raw=row.raw,
        )
        unresolved: list[str] = []
        assigned: list[dict[str, str]] = []
        for role, text in ((Role.LEAD, row.lead_text), (Role.COORDINATING, row.coordinating_text)):
            names, unknown = organisations(text, directory)
            chosen = [orgs[n] for n in names if n in orgs]
            # A name the directory knows (a ministry) but the database does not yet hold is
            # asked about like an unknown one, never dropped.
            unknown = [*(n for n in names if n not in orgs), *unknown]
            for u in unknown:
                org = _organization_for(u, decisions, org_cache)
                if org is None:
                    unresolved.append(u)
                else:
                    chosen.append(org)
            for pos, org in enumerate(dict.fromkeys(chosen)):
                Responsibility.objects.create(
                    target=target, organization=org, role=role, position=pos
                )
                assigned.append({"organization": str(org), "role": role})
        if unresolved:
            target.unresolved_agencies = list(dict.fromkeys(unresolved))
            target.save(update_fields=["unresolved_agencies"])
        imported.append((target, assigned))
    audit_record(
        user=user,
        entity=Entity.PLAN,
        obj=plan,
        action=AuditAction.IMPORT,
        after=plan_values(plan) | {"targets": len(imported)},
    )
    audit_record_many(
        user=user,
        entity=Entity.TARGET,
        action=AuditAction.IMPORT,
        changes=[(t, None, target_values(t, assigned)) for t, assigned in imported],
    )
    targets_changed.send(sender=Target, target_ids={t.pk for t, _ in imported})
    return result


def plan_values(plan: Plan) -> dict[str, object]:
    """What the audit keeps of a plan (its fields, not its targets)."""
    return audit_values(plan)


def target_values(
    target: Target, responsibilities: list[dict[str, str]] | None = None
) -> dict[str, object]:
    """What the audit keeps of a target: its fields and who leads or coordinates it."""
    if responsibilities is None:
        responsibilities = [
            {"organization": str(r.organization), "role": r.role}
            # lead before coordinating, as the import lists them
            for r in target.responsibilities.select_related("organization").order_by(
                "-role", "position"
            )
        ]
    return audit_values(target) | {"responsibilities": responsibilities}


@transaction.atomic
def plan_delete(*, user: object, plan: Plan) -> None:
    """Delete a plan with its targets (admin correction), keeping what they were in the audit."""
    targets = list(plan.targets.select_related("indicator", "plan"))
    audit_record_many(
        user=user,
        entity=Entity.TARGET,
        action=AuditAction.DELETE,
        changes=[(t, target_values(t), None) for t in targets],
    )
    audit_record(
        user=user,
        entity=Entity.PLAN,
        obj=plan,
        action=AuditAction.DELETE,
        before=plan_values(plan) | {"targets": len(targets)},
    )
    # before the delete, so that what is stored for these targets goes with them
    targets_changed.send(sender=Target, target_ids={t.pk for t in targets})
    plan.delete()


def plan_import_safely(**kwargs: object) -> ImportResult:
    """:func:`plan_import`, with a concurrent import of the same document reported, not crashed."""
    try:
        return plan_import(**kwargs)  # type: ignore[arg-type]
    except IntegrityError as exc:
        document = kwargs["document"]
        assert isinstance(document, Document)
        plan = existing_plan(document)
        if plan is not None:
            return ImportResult(plan=plan, created=False)
        raise ImportRefused(f"{document.source_name}: không lưu được ({exc}).") from exc


@transaction.atomic
def plan_agency_resolve(*, user: object, plan: Plan, name: str, organization: Organization) -> int:
    """Say which organisation an unrecognised name of a plan's agency cells is: every target of
    the plan that printed it gets that organisation (lead or coordinating, as printed), the name
    becomes an alias for later imports, and the change is audited. Returns the targets changed."""
    changed = 0
    resolved: set[int] = set()
    key = fold(name)
    for target in plan.targets.select_for_update().order_by("position"):
        if name not in target.unresolved_agencies:
            continue
        role = Role.LEAD if key and key in fold(target.lead_text) else Role.COORDINATING
        before = {"unresolved_agencies": list(target.unresolved_agencies)}
        if not target.responsibilities.filter(organization=organization, role=role).exists():
            position = target.responsibilities.filter(role=role).count()
            Responsibility.objects.create(
                target=target, organization=organization, role=role, position=position
            )
        target.unresolved_agencies = [n for n in target.unresolved_agencies if n != name]
        target.save(update_fields=["unresolved_agencies"])
        audit_record(
            user=user,
            entity=Entity.TARGET,
            obj=target,
            action=AuditAction.UPDATE,
            before=before,
            after={
                "unresolved_agencies": target.unresolved_agencies,
                "organization": str(organization),
                "role": role,
            },
            reason=f"“{name}” là {organization}",
        )
        changed += 1
        resolved.add(target.pk)
    if changed:
        organization_alias_add(organization=organization, name=name)
        targets_changed.send(sender=Target, target_ids=resolved)
    return changed
