from . import qsr_review_xlsx
from . import qsr_portfolio_xlsx
from . import qsr_review_pdf
