from .access_log import AccessLogEntry
from .processing_record import ProcessingRecord
from .retention import RetentionRule
from .subject_request import DataSubjectRequest, RequestKind

__all__ = ["AccessLogEntry", "DataSubjectRequest", "ProcessingRecord", "RequestKind",
           "RetentionRule"]
