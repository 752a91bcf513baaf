from . import controllers
from . import models


def post_init_hook(env):
    """Give the interview reviews that exist already the default guide, and
    with it its questions: the guide did not exist yet when the field was added."""
    reviews = env["qsr.review"].search(
        [("review_type", "=", "interview"), ("interview_guide_id", "=", False)]
    )
    reviews.interview_guide_id = env["qsr.interview.guide"]._get_default_guide()
