"""Logging filters."""

import logging


class RefusalsInOneLine(logging.Filter):
    """A refused request (400, 403, 404 …: a bad Host header, a missing permission) is the client's
    mistake, not the server's: log it as one line, without the traceback Django attaches."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500 and record.exc_info:
            request = getattr(record, "request", None)
            where = f"{request.method} {request.get_full_path()[:200]}" if request is not None else ""
            record.msg, record.args = f"{status} {where} refused: {record.getMessage()}".replace("\n", " "), ()
            record.exc_info = record.exc_text = record.stack_info = None
        return True
