"""Fail with a clear message unless Odoo 18.0 is importable by this Python."""

import sys

try:
    from odoo import release
except ImportError as error:
    sys.exit(
        f"ERROR: Odoo 18.0 is not importable by {sys.executable} ({error}).\n"
        "Install Odoo 18.0 first (a source checkout installed with pip, or the "
        "official packages), so that `python3 -c 'import odoo'` works, then run "
        "make again."
    )
if tuple(release.version_info[:2]) != (18, 0):
    sys.exit(
        f"ERROR: {sys.executable} imports Odoo {release.version}, "
        "but these addons need Odoo 18.0."
    )
print(f"Odoo {release.version} found in {release.__file__.rsplit('/', 2)[0]}")
