def migrate(cr, version):
    """Change every answer line and create a table, then fail: the upgrade must
    undo both."""
    cr.execute("UPDATE qsr_response_line SET norm_current = -1")
    cr.execute("CREATE TABLE qsr_upgrade_probe_mark (id integer)")
    raise RuntimeError("qsr_upgrade_probe: this migration fails on purpose")
