"""Writes name the version they change: the If-Match header a GET of the record gives."""


def if_match(client, url: str) -> dict:
    """The If-Match header for a PUT or PATCH of `url`, as the client read it just now."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return {"HTTP_IF_MATCH": response["ETag"]}
