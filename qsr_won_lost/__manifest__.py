{
    "name": "QSR Won/Lost Reviews",
    "summary": "Win / loss reviews of key-account opportunities, lessons and "
    "win:loss ratio per tier and quarter",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/qsr-odoo/qsr",
    "author": "QSR for Odoo",
    "license": "AGPL-3",
    "depends": ["qsr_review", "crm"],
    "data": [
        "security/ir.model.access.csv",
        "security/qsr_won_lost_security.xml",
        "data/qsr_won_lost_reason_data.xml",
        "views/qsr_won_lost_reason_views.xml",
        "views/qsr_review_views.xml",
        "views/crm_lead_views.xml",
        "views/res_config_settings_views.xml",
        "views/qsr_report_won_lost_views.xml",
        "views/qsr_report_win_loss_views.xml",
        "views/qsr_won_lost_menus.xml",
    ],
    "demo": ["demo/qsr_won_lost_demo.xml"],
}
