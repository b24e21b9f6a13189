"""The HTML report, in three parts: data (what the page shows, computed from the result), charts
(the timelines' SVG) and page (the HTML around them). Importing the package registers the format.
"""

from claimcheck.reports.html.page import render

__all__ = ["render"]
