{
    "name": "QSR Revenue from Invoices",
    "summary": "An account's annual revenue and its trend from its posted customer "
    "invoices and credit notes",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/qsr-odoo/qsr",
    "author": "QSR for Odoo",
    "license": "AGPL-3",
    "depends": ["qsr_review", "account"],
    "data": [
        "security/qsr_account_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/qsr_account_revenue_views.xml",
        "views/res_partner_views.xml",
    ],
    "demo": ["demo/qsr_account_demo.xml"],
    "auto_install": True,
    "post_init_hook": "post_init_hook",
}
