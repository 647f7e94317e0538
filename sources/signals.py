"""Signals the sources app sends, so apps above it can react without sources importing them."""

from django.dispatch import Signal

# Sent inside the transaction that stores a new snapshot, with `snapshot` (the new copy)
# and `source`. The claims app re-checks the quotes cited from that source.
snapshot_taken = Signal()
