from . import models
from . import wizard


def uninstall_hook(env):
    """Keep the value survey grid when customers have answered it. The grid and its
    answers belong to qsr_simalto's tables, which stay: deleting the grid would fail
    on the answers (ondelete='restrict') after deleting some of its levels, leaving
    a broken grid. Release the grid and its structure from this addon instead (drop
    their external ids), so they stay whole with the answers."""
    grid = env.ref("qsr_value_survey.grid_value_survey", raise_if_not_found=False)
    if not grid or not env["qsr.response"].search_count([("grid_id", "=", grid.id)]):
        return
    structure = [
        grid,
        grid.round_ids,
        grid.area_ids,
        grid.attribute_ids,
        grid.attribute_ids.level_ids,
    ]
    kept = {(records._name, res_id) for records in structure for res_id in records.ids}
    xmlids = env["ir.model.data"].search(
        [("module", "=", "qsr_value_survey"), ("model", "=like", "qsr.grid%")]
    )
    xmlids.filtered(lambda xmlid: (xmlid.model, xmlid.res_id) in kept).unlink()
