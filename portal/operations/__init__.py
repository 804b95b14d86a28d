"""Operations: health and readiness, Prometheus metrics, request ids and structured logs, and the
read-replica router (docs/deploy.md). Nothing here is a participation feature; nothing here
stores personal data."""
