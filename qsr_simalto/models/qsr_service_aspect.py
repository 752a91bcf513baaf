from odoo import fields, models


class QsrServiceAspect(models.Model):
    """What a grid row measures, kept across the versions of a grid: the rows
    of two versions that share an aspect form one trend; a new row starts its
    own, and a dropped row ends its trend."""

    _name = "qsr.service.aspect"
    _description = "Service Aspect"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    attribute_ids = fields.One2many(
        "qsr.grid.attribute", "aspect_id", string="Grid Rows"
    )
