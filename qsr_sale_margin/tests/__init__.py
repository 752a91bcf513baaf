from . import test_margin
from . import test_multi_company
from . import test_ui
