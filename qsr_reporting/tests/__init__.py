from . import test_report_figures
from . import test_xlsx
from . import test_pdf
from . import test_dashboard
from . import test_portal_results
from . import test_access_matrix
from . import test_access_routes
from . import test_review_attribute_sums
