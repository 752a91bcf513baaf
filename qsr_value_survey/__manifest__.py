{
    "name": "QSR Customer Value Survey",
    "summary": "A short Simalto grid sent to the whole customer base at once, "
    "analysed by corporate, segment and account",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/qsr-odoo/qsr",
    "author": "QSR for Odoo",
    "license": "AGPL-3",
    "depends": ["qsr_simalto", "qsr_reporting"],
    "data": [
        "security/ir.model.access.csv",
        "data/qsr_grid_value_survey_data.xml",
        "wizard/qsr_value_survey_wizard_views.xml",
        "views/qsr_report_response_line_views.xml",
        "views/qsr_value_survey_menus.xml",
    ],
    "demo": ["demo/qsr_value_survey_demo.xml"],
    "uninstall_hook": "uninstall_hook",
}
