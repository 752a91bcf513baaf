# Not shipped: run_upgrade_from_release.py installs this addon, then upgrades it to
# 18.0.1.0.1, whose migration changes rows and fails, to prove that a failed upgrade
# leaves the database as it was.
{
    "name": "QSR Upgrade Probe (tests only)",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "QSR for Odoo",
    "license": "AGPL-3",
    "depends": ["qsr_simalto"],
    "installable": True,
}
