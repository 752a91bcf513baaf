{
    "name": "QSR Simalto Grids",
    "summary": "Simalto trade-off grids answered on the portal, and their analysis",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/qsr-odoo/qsr",
    "author": "QSR for Odoo",
    "license": "AGPL-3",
    "depends": ["qsr_review"],
    "external_dependencies": {"python": ["pandas"]},
}
