from . import qsr_review_xlsx
from . import qsr_portfolio_xlsx
from . import qsr_review_pdf
from . import qsr_package_comparison_xlsx
