"""What reporting tells the apps above it (and its own stored results), without importing them."""

from django.dispatch import Signal

# Sent after the transaction that approved a figure commits; keyword argument ``figure``.
figure_approved = Signal()

# Sent inside the transaction that created, changed or moved figures in the workflow (every write
# path: a single save, a workflow step, a bulk upload), before it commits.
# Keyword argument ``indicator_ids``: a set of the figures' indicator ids.
figures_changed = Signal()
