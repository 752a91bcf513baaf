from . import test_report_figures
from . import test_xlsx
from . import test_pdf
