from . import qsr_value_survey_wizard
