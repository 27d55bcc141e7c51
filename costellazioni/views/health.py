import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "down" to a load balancer
        return f"error: {error.__class__.__name__}"
    return "ok"


def _redis_status() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except redis.RedisError as error:
        return f"error: {error.__class__.__name__}"
    return "ok"


HEALTHY = {"ok", "not configured"}


@never_cache
@require_GET
def healthz(request):
    """Each part's status; 503 when any configured part fails, so an orchestrator sees a degraded portal.

    With Redis down the portal still serves (log-ins, forms, bookings: rate limits count per process and the
    outbox keeps the e-mails), but nothing is e-mailed until Redis returns: that is worth a 503.
    """
    status = {"database": _database_status(), "redis": _redis_status()}
    failing = sorted(part for part, value in status.items() if value not in HEALTHY)
    if failing:
        status["failing"] = failing
    return JsonResponse(status, status=503 if failing else 200)
