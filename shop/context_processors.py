def seller(request):
    """The seller's identity and the terms in force, for the base layout."""
    return {}
