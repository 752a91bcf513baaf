{
    "name": "QSR Reporting",
    "summary": "Cross-account priority analysis, XLSX and PDF reports, dashboards",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/qsr-odoo/qsr",
    "author": "QSR for Odoo",
    "license": "AGPL-3",
    "depends": ["qsr_simalto", "report_xlsx"],
}
