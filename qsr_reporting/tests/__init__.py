from . import test_report_figures
