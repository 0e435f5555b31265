"""A self-contained HTML picture of a timeline: ``relations chart``.

``data`` turns stored rows into a small chart description (lanes and marks, every article
string kept as data); ``page`` writes it into one HTML file with an inline SVG renderer. No
network, no CDN: the file opens offline.
"""

from .data import Chart, Mark, country_chart, pair_chart
from .page import render

__all__ = ["Chart", "Mark", "country_chart", "pair_chart", "render"]
