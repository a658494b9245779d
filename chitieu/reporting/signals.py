"""What reporting tells the apps above it, without importing them."""

from django.dispatch import Signal

# Sent after the transaction that approved a figure commits; keyword argument ``figure``.
figure_approved = Signal()
