"""One hostile request and what must hold for it: no 500, bounded CPU, nothing stored when
the answer is a refusal."""

import time

from .rows import changed_rows, row_counts

#: CPU seconds one request may cost at most (generous: a loaded 2-core machine, DEBUG off).
CPU_BOUND = 5.0
REDIRECTS = (301, 302, 303)


def send(client, path: str, *, data=None, body: bytes | None = None, content_type=None,
         method: str = "post") -> tuple[object, list[str]]:
    """Send one request; return the response and the problems found with it."""
    before = row_counts()
    started = time.process_time()
    if body is not None:
        response = client.generic(method.upper(), path, data=body, content_type=content_type)
    elif method == "post":
        response = client.post(path, data or {})
    else:
        response = getattr(client, method)(path, data or {})
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)  # read to the end: the test client closes it
    cpu = time.process_time() - started
    problems = []
    if response.status_code >= 500:
        problems.append(f"server error {response.status_code}")
    if cpu > CPU_BOUND:
        problems.append(f"{cpu:.1f} s CPU")
    if response.status_code not in REDIRECTS:
        changed = changed_rows(before, row_counts())
        if changed:
            problems.append(f"refused ({response.status_code}) but stored {changed}")
    return response, problems
