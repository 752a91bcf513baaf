{
    "name": "QSR Sale Margins",
    "summary": "Key accounts' profitability class from their sale margins",
    "version": "18.0.1.0.1",
    "category": "Sales/CRM",
    "website": "https://github.com/qsr-odoo/qsr",
    "author": "QSR for Odoo",
    "license": "AGPL-3",
    "depends": ["qsr_review", "sale_margin"],
    "data": [
        "data/ir_cron_data.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": ["demo/qsr_sale_margin_demo.xml"],
    "assets": {
        "web.assets_tests": ["qsr_sale_margin/static/tests/tours/*.js"],
    },
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "auto_install": True,
}
