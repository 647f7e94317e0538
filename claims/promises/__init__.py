"""Promises: what people pledge, and the dated, cited status changes that track each pledge.

Kept in its own package inside `claims` (its models load through claims.models, so their
app label is `claims`): models, admin, reader pages, API and the status timeline's geometry.
"""
