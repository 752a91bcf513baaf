"""The business figures a database shows, read through Odoo by whichever code
``--addons-path`` names: run by run_upgrade_from_release.py once with the previous
release's code and once with the new code after ``-u``, so that the two can be
compared.

Usage: python3 release_figures.py --out FILE <odoo options: --addons-path, -d ...>

Writes a JSON object:

- ``pivot``: the priority analysis (qsr.report.response.line) read as the web
  pivot reads it, every measure, grouped by tier and wave and by attribute and
  tier: ``{grouping: {"<id>,<id>": {measure: value}}}``;
- ``portfolio_xlsx``: every cell of the portfolio priority matrix workbook of
  each wave with submitted grids, as the wizard downloads it:
  ``{wave id: {sheet: [[cell, ...], ...]}}``;
- ``portal_users``: the logins of the active portal users, each given the
  password ``PORTAL_PASSWORD`` (``--prepare`` only), so that the runner can read
  their pages over HTTP.

Only public API and model names that both releases have are used.
"""

import argparse
import io
import json
import sys

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config

PORTAL_PASSWORD = "qsr-upgrade-check"
PIVOT_GROUPINGS = {
    "tier x wave": ["tier_id", "wave_id"],
    "attribute x tier": ["attribute_id", "tier_id"],
}


def group_key(group, groupby):
    values = (group[name] for name in groupby)
    return ",".join(str(value[0] if value else value) for value in values)


def pivot(env):
    lines = env["qsr.report.response.line"]
    measures = sorted(
        f"{name}:{field.aggregator}"
        for name, field in lines._fields.items()
        if field.type in ("float", "integer") and field.aggregator
    )
    return {
        title: {
            group_key(group, groupby): {
                name: group[name.partition(":")[0]] for name in measures
            }
            for group in lines.read_group([], measures, groupby, lazy=False)
        }
        for title, groupby in PIVOT_GROUPINGS.items()
    }


def cell_value(value):
    return (
        value
        if isinstance(value, int | float | str | bool) or value is None
        else str(value)
    )


def portfolio_xlsx(env):
    from openpyxl import load_workbook  # noqa: PLC0415

    waves = env["qsr.response"].search([("state", "=", "submitted")]).review_id.wave_id
    workbooks = {}
    for wave in waves.sorted("id"):
        wizard = env["qsr.portfolio.report.wizard"].create({"wave_id": wave.id})
        action = wizard.action_print()
        content, _kind = env["ir.actions.report"]._render_xlsx(
            action["report_name"], action["context"]["active_ids"], action.get("data")
        )
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        workbooks[str(wave.id)] = {
            sheet.title: [
                [cell_value(value) for value in row]
                for row in sheet.iter_rows(values_only=True)
            ]
            for sheet in book.worksheets
        }
    return workbooks


def portal_users(env, prepare):
    users = env["res.users"].search([("share", "=", True)], order="login")
    if prepare:
        for user in users:
            user.password = PORTAL_PASSWORD
    return users.mapped("login")


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--prepare", action="store_true")
    opts, odoo_args = parser.parse_known_args(argv)
    config.parse_config(odoo_args, setup_logging=True)
    odoo.service.server.load_server_wide_modules()
    registry = Registry(config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        figures = {
            "pivot": pivot(env),
            "portfolio_xlsx": portfolio_xlsx(env),
            "portal_users": portal_users(env, opts.prepare),
        }
        if not opts.prepare:
            cr.rollback()  # the wizards are the only writes: keep the database as it is
    with open(opts.out, "w", encoding="utf-8") as out:
        json.dump(figures, out, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
