# Sourced by the tools: the addons path Odoo would use by default, plus this repository.
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
ODOO_DEFAULT_ADDONS=$($PYTHON -c 'from odoo.tools import config; config.parse_config([]); print(config["addons_path"])' 2>/dev/null)
ADDONS_PATH="${ODOO_DEFAULT_ADDONS:+$ODOO_DEFAULT_ADDONS,}$REPO_DIR"
