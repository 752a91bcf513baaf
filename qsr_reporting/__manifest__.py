{
    "name": "QSR Reporting",
    "summary": "Cross-account priority analysis, XLSX and PDF reports, dashboards",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/qsr-odoo/qsr",
    "author": "QSR for Odoo",
    "license": "AGPL-3",
    "depends": ["qsr_simalto", "report_xlsx"],
    "external_dependencies": {"python": ["pandas", "xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "security/qsr_reporting_security.xml",
        "views/qsr_report_response_line_views.xml",
        "views/qsr_report_account_wave_views.xml",
        "views/qsr_reporting_menus.xml",
    ],
}
