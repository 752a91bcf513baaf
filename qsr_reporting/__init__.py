from . import controllers
from . import models
from . import report
from . import wizard


def post_init_hook(env):
    env["qsr.report.review.attribute"]._refresh()
