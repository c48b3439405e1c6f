"""Reading the pictures back out of a rendered page, as a visitor's tools would."""

from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def tiles(response, svg_id):
    """{accessible name: href} of a tile map's linked tiles."""
    svg = soup(response).find("title", id=f"{svg_id}-title").parent
    return {a["aria-label"]: a["href"] for a in svg.find_all("a")}


def tile_labels(response, svg_id):
    """The labels of a tile map's tiles, linked or not, from the text drawn in each tile."""
    svg = soup(response).find("title", id=f"{svg_id}-title").parent
    return [" ".join(t.get_text() for t in group.find_all("text")) for group in svg.find_all(["a", "g"])]


def table_rows(container):
    """[(row heading, cell)] of every table inside `container`."""
    return [(row.th.get_text(strip=True), row.td.get_text(strip=True)) for row in container.select("tbody tr")]
