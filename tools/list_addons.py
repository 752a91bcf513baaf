"""Print the addons of the repository, comma-separated: ``--core`` the core ones,
``--bridges`` the bridges (an addon installed automatically with an Odoo addon:
``auto_install`` in its manifest, such as qsr_account with account), else all.

    python3 tools/list_addons.py [--core | --bridges] [addon,addon,...]

Without a list, every folder qsr_* with a manifest; with one, the addons of it.
"""

import argparse
import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def is_bridge(addon, repo=REPO):
    manifest = (repo / addon / "__manifest__.py").read_text(encoding="utf-8")
    return bool(ast.literal_eval(manifest).get("auto_install"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--core", action="store_true")
    kind.add_argument("--bridges", action="store_true")
    parser.add_argument("addons", nargs="?", default="")
    args = parser.parse_args(argv)
    addons = [name for name in args.addons.split(",") if name] or sorted(
        path.parent.name for path in REPO.glob("qsr_*/__manifest__.py")
    )
    if args.core:
        addons = [name for name in addons if not is_bridge(name)]
    elif args.bridges:
        addons = [name for name in addons if is_bridge(name)]
    print(",".join(addons))


if __name__ == "__main__":
    main()
