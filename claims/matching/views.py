"""Reader pages of claims: thin views over claims.matching.selectors (public records only)."""

from django.http import Http404
from django.shortcuts import render

from claims.matching import selectors
from claims.matching.models import Claim
from core.revisions import public_cache


@public_cache
def claim_detail(request, pk):
    """A claim: every public statement that makes it, in order, and its rating history."""
    try:
        record = selectors.claim_record(pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None
    return render(request, "claims/matching/claim_detail.html", {"record": record})
