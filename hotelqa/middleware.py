SESSION_KEY = "active_property_id"


class ActivePropertyMiddleware:
    """Sets `request.property` (the property picked in the top bar, remembered in the session),
    `request.accessible_properties` and `request.role` (the user's role at the active property)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .permissions import role_permission_scope

        request.accessible_properties = []
        request.property = None
        request.role = None
        user = request.user
        if user.is_authenticated:
            user.load_memberships(count_unread=True)
            request.accessible_properties = user.accessible_property_list()
            wanted = request.session.get(SESSION_KEY) or user.last_property_id
            chosen = [p for p in request.accessible_properties if p.pk == wanted]
            request.property = (chosen or request.accessible_properties or [None])[0]
            request.role = user.role_in(request.property)
        # Role permissions are read fresh for every request, once.
        with role_permission_scope():
            return self.get_response(request)


class RefuseNulBytesMiddleware:
    """Answers 400 to a request with a NUL character in its path, a query or form value, an
    uploaded file's name or a cookie. No text the product stores or looks up may hold one, and
    PostgreSQL refuses it outright, so it is stopped here once instead of in every view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        where = self.nul_in(request)
        if where:
            explanation = _("The %(where)s of the request holds a NUL character, which is not allowed. Remove it and try again.")
            from django.conf import settings

            if request.path.startswith(tuple(settings.JSON_ERROR_PREFIXES)):  # an API answers in its own error shape
                from django.http import JsonResponse

                message = explanation % {"where": where}
                return JsonResponse({"error": {"status": 400, "code": "nul_character", "message": message}}, status=400)
            return render(request, "400.html", {"explanation": explanation % {"where": where}}, status=400)
        return self.get_response(request)

    @staticmethod
    def nul_in(request):
        from django.utils.translation import pgettext

        def holds_nul(pairs):
            return any("\x00" in key or any("\x00" in value for value in values) for key, values in pairs)

        if "\x00" in request.path:
            return pgettext("part of a request", "address")
        if holds_nul(request.GET.lists()):
            return pgettext("part of a request", "query")
        if request.method == "POST":
            if holds_nul(request.POST.lists()):
                return pgettext("part of a request", "form")
            if holds_nul((key, [f.name or "" for f in files]) for key, files in request.FILES.lists()):
                return pgettext("part of a request", "file name")
        if holds_nul((key, [value]) for key, value in request.COOKIES.items()):
            return pgettext("part of a request", "cookies")
        return None


class SecurityHeadersMiddleware:
    """Headers Django does not set itself."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.permissions_policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        return response


class AuditRefusalMiddleware:
    """Records every permission refusal (403) in the audit trail, and answers a number too large
    for the database (an id typed into a URL) with 400 instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.core.exceptions import PermissionDenied

        if isinstance(exception, PermissionDenied):
            from .audit import audit_record

            audit_record(action="permission_denied", request=request, property=getattr(request, "property", None))
        if isinstance(exception, OverflowError):
            from django.http import HttpResponseBadRequest

            return HttpResponseBadRequest("A number in the request is out of range.")
        return None


class ServerTimingMiddleware:
    """With SERVER_TIMING on, answers carry `Server-Timing: app;dur=<ms>, db;dur=<queries>` so a
    benchmark can read server time and SQL queries per request from outside."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.db import connection

        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f'app;dur={elapsed:.2f}, db;desc="queries";dur={queries}'
        return response
