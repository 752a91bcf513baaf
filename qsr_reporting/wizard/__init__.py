from . import qsr_portfolio_report_wizard
from . import qsr_improvement_wizard
from . import qsr_package_best_wizard
from . import qsr_package_comparison
