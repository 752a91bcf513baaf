from odoo import api, models


def changing_frozen(records, vals):
    """The ``records`` whose ``_frozen_fields`` ``vals`` would change: writing
    the values they already hold (a module's data loaded again) changes no
    figure."""
    names = set(vals) & set(records._frozen_fields)
    if not names:
        return records.browse()
    return records.filtered(
        lambda record: any(
            record._fields[name].convert_to_write(record[name], record) != vals[name]
            for name in names
        )
    )


class QsrGridEngineMixin(models.AbstractModel):
    """The parts of a grid the Simalto engine reads (areas, attributes, levels,
    rounds): any change to them gives their grids a new ``engine_key``, the key
    of the grid data cached for the engine (``qsr.grid._engine_grid``).

    Once a grid is answered, its parts are frozen: creating or deleting one, or
    writing one of its ``_frozen_fields`` (what enters a figure), is refused
    with the offer of a new version; wordings stay editable, and so does
    writing a frozen field its value again."""

    _name = "qsr.grid.engine.mixin"
    _description = "Part of a Simalto Grid"
    _frozen_fields = ()

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._engine_grids()._check_not_answered()
        records._engine_grids()._renew_engine_key()
        return records

    def write(self, vals):
        grids = self._engine_grids()
        changing_frozen(self, vals)._engine_grids()._check_not_answered()
        result = super().write(vals)
        moved_to = self._engine_grids() - grids
        moved_to._check_not_answered()
        (grids | moved_to)._renew_engine_key()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_answered(self):
        self._engine_grids()._check_not_answered()

    def unlink(self):
        grids = self._engine_grids()
        result = super().unlink()
        grids.exists()._renew_engine_key()
        return result

    # business

    def _engine_grids(self):
        """The grids these records are part of."""
        return self.grid_id
