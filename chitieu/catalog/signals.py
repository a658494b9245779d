"""What the catalog tells the apps above it, without importing them."""

from django.dispatch import Signal

# Sent inside the transaction that created, changed, superseded or deleted targets, so that what is
# computed from them (stored evaluations) is brought up to date in that same transaction.
# Keyword argument ``target_ids``: a set of the targets' ids (those of a deleted plan included).
targets_changed = Signal()
