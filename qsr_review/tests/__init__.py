from . import test_tier
from . import test_review
from . import test_cadence
from . import test_gap
from . import test_access
from . import test_ui
from . import test_improvement
from . import test_relationship_map
