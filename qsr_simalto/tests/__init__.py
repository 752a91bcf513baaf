from . import test_grid
from . import test_response
from . import test_analysis
from . import test_portal
from . import test_portal_tour
from . import test_portal_hostile
from . import test_engine_cache
from . import test_portal_queries
