from . import qsr_portfolio_report_wizard
