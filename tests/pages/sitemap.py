"""Reading the sitemap as a crawler does: the index, then each sitemap it lists."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from claims.sitemaps import SITEMAPS

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# The first page of each kind of page's sitemap.
SECTIONS = [f"/sitemap-{name}.xml" for name in SITEMAPS]


def section_pages(client) -> list[str]:
    """The sitemaps the index lists, as paths with their query (?p=2 ...)."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    pages = []
    for loc in index.iter(f"{SITEMAP}loc"):
        address = urlsplit(loc.text)
        pages.append(f"{address.path}?{address.query}" if address.query else address.path)
    return pages


def whole_sitemap(client) -> str:
    """Every sitemap the index lists, one after the other."""
    return "\n".join(client.get(page).content.decode() for page in section_pages(client))


def sitemap_entries(client) -> list[ET.Element]:
    """Every <url> of every sitemap the index lists."""
    return [
        entry
        for page in section_pages(client)
        for entry in ET.fromstring(client.get(page).content).iter(f"{SITEMAP}url")
    ]


def sitemap_locations(client) -> set[str]:
    """Every address the sitemap gives."""
    return {entry.find(f"{SITEMAP}loc").text for entry in sitemap_entries(client)}
