"""Where the package's data files are: the JSON Schemas and the page templates.

Installed from a wheel, both are inside the package: ``clausebook/schemas/`` (setuptools maps the
checkout's top-level ``schema/`` there) and ``clausebook/templates/``. Run from a checkout — the
editable install that ``make`` does, or ``hooks/`` on ``sys.path`` as the MkDocs hook file and the
tests have it — the templates are beside the code and the schemas are the checkout's own
``schema/``, the folder that editors and the published site also read.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]


def _folder(packaged_name: str, checkout_folder: Path) -> Path:
    """The package's folder ``packaged_name`` if the package holds it, else ``checkout_folder``."""
    packaged = resources.files(__package__) / packaged_name
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    if checkout_folder.is_dir():
        return checkout_folder
    raise FileNotFoundError(f"clausebook's {packaged_name} are neither in the package ({packaged}) "
                            f"nor in a checkout ({checkout_folder}): reinstall clausebook")


SCHEMAS = _folder("schemas", CHECKOUT / "schema")
"""The JSON Schemas: ``source.schema.json`` for the YAML, and those of the published dataset."""

TEMPLATES = _folder("templates", Path(__file__).resolve().parent / "templates")
"""The Jinja templates of the generated pages."""
