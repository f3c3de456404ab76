"""HTML building blocks. Every piece of text from a run reaches the page through `escape`, so
model output shows as text; the page's own script is allowed by hash and nothing else may run.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

_ASSETS = files("agentbench.report") / "assets"


def escape(value: object) -> str:
    """`value` as HTML text: every <, >, &, and quote becomes an entity."""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class Cell:
    """A table cell: its inner HTML (already escaped), the value it sorts by, and whether it is numeric."""

    html: str
    sort: str | None = None
    numeric: bool = False
    title: str | None = None


def text(value: object, sort: str | None = None, numeric: bool = False, title: str | None = None) -> Cell:
    """A cell showing `value` as text."""
    return Cell(escape(value), sort, numeric, title)


@dataclass(frozen=True)
class Column:
    label: str
    help: str = ""
    numeric: bool = False


def table(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], sortable: bool = True,
          table_id: str | None = None) -> str:
    """A table; sortable ones sort on a header click by each cell's `sort` value (else its text)."""
    head = "".join(
        f'<th{_attrs(title=column.help or None, klass="num" if column.numeric else None)}>{escape(column.label)}</th>'
        for column in columns
    )
    body = "".join(
        "<tr>" + "".join(
            f'<td{_attrs(klass="num" if cell.numeric else None, data_v=cell.sort, title=cell.title)}>{cell.html}</td>'
            for cell in row
        ) + "</tr>"
        for row in rows
    )
    return (f'<div class="scroll"><table{_attrs(klass="sortable" if sortable else None, id=table_id)}>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def _attrs(**attributes: str | None) -> str:
    names = {"klass": "class", "data_v": "data-v"}
    return "".join(
        f' {names.get(name, name)}="{escape(value)}"' for name, value in attributes.items() if value is not None
    )


def link(href: str, label_html: str) -> str:
    """A link to an in-page anchor (`href` is ours, `label_html` already escaped)."""
    return f'<a href="{escape(href)}">{label_html}</a>'


def image(uri: str, alt: str) -> str:
    return f'<figure><img src="{escape(uri)}" alt="{escape(alt)}"></figure>'


def pre(value: object) -> str:
    return f"<pre>{escape(value)}</pre>"


def document(title: str, nav: Sequence[tuple[str, str]], subtitle_html: str, body_html: str) -> str:
    """The whole self-contained page: inline CSS and JS, a CSP allowing only that script and data: images."""
    css = (_ASSETS / "report.css").read_text(encoding="utf-8")
    script = (_ASSETS / "report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
              f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")
    links = "".join(link(f"#{anchor}", escape(label)) for anchor, label in nav)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{css}</style></head><body>"
        f"<header><h1>{escape(title)}</h1>{subtitle_html}<nav>{links}</nav></header>"
        f"<main>{body_html}</main><script>{script}</script></body></html>\n"
    )
