from .access_log import AccessLogEntry
from .notice import ChecklistTick, LegalBasis, NoticeAcceptance, NoticeVersion
from .processing_record import ProcessingRecord
from .retention import RetentionRule
from .subject_request import DataSubjectRequest, RequestKind

__all__ = ["AccessLogEntry", "ChecklistTick", "DataSubjectRequest", "LegalBasis",
           "NoticeAcceptance", "NoticeVersion", "ProcessingRecord", "RequestKind",
           "RetentionRule"]
