from odoo import api, models


class QsrGridEngineMixin(models.AbstractModel):
    """The parts of a grid the Simalto engine reads (areas, attributes, levels,
    rounds): any change to them gives their grids a new ``engine_key``, the key
    of the grid data cached for the engine (``qsr.grid._engine_grid``)."""

    _name = "qsr.grid.engine.mixin"
    _description = "Part of a Simalto Grid"

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._engine_grids()._renew_engine_key()
        return records

    def write(self, vals):
        grids = self._engine_grids()
        result = super().write(vals)
        (grids | self._engine_grids())._renew_engine_key()
        return result

    def unlink(self):
        grids = self._engine_grids()
        result = super().unlink()
        grids.exists()._renew_engine_key()
        return result

    # business

    def _engine_grids(self):
        """The grids these records are part of."""
        return self.grid_id
