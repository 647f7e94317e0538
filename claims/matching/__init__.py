"""Claim matching: claims as records, the statements that repeat them, and the candidates
offered to editors while a statement is entered.

Kept in its own package inside `claims` (its models load through claims.models, so their
app label is `claims`): models, candidates (the matcher), services (confirm, dismiss),
admin views, reader selectors and the API.
"""
