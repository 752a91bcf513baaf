"""One long-lived Odoo process driven by run_upgrade_checks.py through stdin/stdout.

Usage: python3 odoo_worker.py <odoo options: --addons-path, -d, --logfile ...>

Reads one command a line and answers one line, ``ok <command>`` or ``error <message>``:

- ``settings``: save the QSR settings as a user would (res.config.settings), so the
  configuration parameters they store are present in the database;
- ``tables``: answers ``ok tables <json>``: the table of every model of the registry,
  and its stored computed fields;
- ``uninstall <module>``: ``button_immediate_uninstall`` of that module, which commits
  and reloads the registry of the remaining modules, as the Apps menu does;
- ``quit``.

Each command runs in its own cursor, committed at its end; the runner inspects the
database in between with its own connection.
"""

import json
import sys
import traceback

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config

# saved by the "settings" command: values that differ from the defaults
SETTINGS = {
    "qsr_weight_executive": 5,
    "qsr_weight_senior": 4,
    "qsr_weight_influencer": 3,
    "qsr_weight_operational": 2,
    "qsr_cadence_lead_days": 45,
    "qsr_reminder_days": 10,
}


def save_settings(env):
    settings = env["res.config.settings"]
    values = {
        name: value for name, value in SETTINGS.items() if name in settings._fields
    }
    settings.create(values).execute()


def uninstall(env, module_name):
    module = env["ir.module.module"].search([("name", "=", module_name)])
    if module.state != "installed":
        raise ValueError(f"module {module_name} is {module.state or 'unknown'}")
    module.button_immediate_uninstall()


def run(command):
    """Run one command; return the text that follows ``ok <command>``."""
    name, _sep, argument = command.partition(" ")
    registry = Registry(config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if name == "settings":
            save_settings(env)
        elif name == "tables":
            return json.dumps(
                {
                    "tables": {model: env[model]._table for model in env.registry},
                    "computed": {
                        model: [
                            name
                            for name, field in env[model]._fields.items()
                            if field.store and field.compute
                        ]
                        for model in env.registry
                    },
                }
            )
        elif name == "uninstall":
            uninstall(env, argument)
        else:
            raise ValueError(f"unknown command {command!r}")
    return ""


def main(args):
    config.parse_config(args, setup_logging=True)
    odoo.service.server.load_server_wide_modules()
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            break
        try:
            payload = run(command)
        except Exception as error:
            traceback.print_exc()
            answer = f"error {type(error).__name__}: {error}".replace("\n", " ")
        else:
            answer = f"ok {command} {payload}".rstrip()
        print(answer, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
