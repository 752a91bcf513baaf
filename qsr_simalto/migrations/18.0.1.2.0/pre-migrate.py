"""18.0.1.2.0: grids have versions. Every existing grid becomes version 1 of
itself, filled in before the ORM adds the columns."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE qsr_grid
            ADD COLUMN IF NOT EXISTS version integer,
            ADD COLUMN IF NOT EXISTS first_version_id integer
        """
    )
    cr.execute(
        "UPDATE qsr_grid SET version = COALESCE(version, 1),"
        " first_version_id = COALESCE(first_version_id, id)"
    )
