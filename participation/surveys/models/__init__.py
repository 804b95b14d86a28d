from .question import Question, QuestionType
from .response import Answer, Response
from .survey import ParticipationMode, Survey, SurveyToken

__all__ = ["Answer", "ParticipationMode", "Question", "QuestionType", "Response", "Survey",
           "SurveyToken"]
