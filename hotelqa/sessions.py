"""Sessions in the database, as Django keeps them (`SESSION_ENGINE = "hotelqa.sessions"`), read
through SQL compiled once per process: every signed-in request reads its session before anything
else (see `hotelqa.compiled_queries`)."""

from django.contrib.sessions.backends import db
from django.db import router
from django.utils import timezone

from .compiled_queries import CompiledQuery

# No session key holds a NUL character.
_KEY_MARKER = "\x00session-key"


def _session_by_key(key):
    return db.SessionStore.get_model_class().objects.filter(session_key=key)


_SESSION_BY_KEY = CompiledQuery(_session_by_key, markers=[_KEY_MARKER])


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        """The unexpired session of this key, or None (and the key forgotten), as Django's."""
        found = _SESSION_BY_KEY.run(self.session_key, using=router.db_for_read(self.model))
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
