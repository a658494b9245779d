"""Writes for the upload -> preview -> confirm flow."""

from __future__ import annotations

import hashlib

from django.db import transaction

from chitieu.catalog.services import ImportDecisions, ImportResult, plan_import_safely
from chitieu.importers import read_document
from chitieu.organizations.selectors import organization_directory

from .models import ImportBatch


def import_batch_create(*, name: str, data: bytes, user: object) -> ImportBatch:
    """Keep an upload for review after checking that it can be read (raises ImportError_ if not)."""
    read_document(
        data, name, organization_directory()
    )  # refuse unreadable files before keeping them
    return ImportBatch.objects.create(
        source_name=name,
        data=data,
        checksum=hashlib.sha256(data).hexdigest(),
        created_by=user if getattr(user, "pk", None) else None,
    )


@transaction.atomic
def import_batch_confirm(
    *, batch: ImportBatch, decisions: ImportDecisions, user: object
) -> ImportResult:
    """Save the reviewed document as a plan (all or nothing) and close the batch."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    data = bytes(batch.data)
    directory = organization_directory()
    document = read_document(data, batch.source_name, directory)
    result = plan_import_safely(
        document=document, decisions=decisions, user=user, source_bytes=data, directory=directory
    )
    batch.plan = result.plan
    batch.status = ImportBatch.Status.CONFIRMED if result.created else ImportBatch.Status.DUPLICATE
    batch.save(update_fields=["plan", "status"])
    return result
