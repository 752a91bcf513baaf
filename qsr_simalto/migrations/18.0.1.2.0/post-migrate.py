"""18.0.1.2.0: every grid row measures a service aspect, kept across versions.
Each existing row gets an aspect of its own, named as the row in every
language it is translated into."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    attributes = (
        env["qsr.grid.attribute"]
        .with_context(active_test=False)
        .search([("aspect_id", "=", False)])
    )
    aspects = env["qsr.service.aspect"].create(
        [{"name": attribute.name} for attribute in attributes]
    )
    for attribute, aspect in zip(attributes, aspects, strict=True):
        cr.execute(
            "UPDATE qsr_grid_attribute SET aspect_id = %s WHERE id = %s",
            (aspect.id, attribute.id),
        )
    cr.execute(
        """
        UPDATE qsr_service_aspect s SET name = a.name
          FROM qsr_grid_attribute a
         WHERE a.aspect_id = s.id
        """
    )
