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


@never_cache
@require_GET
def healthz(request):
    status = {"database": _database_status(), "redis": _redis_status()}
    return JsonResponse(status, status=200 if status["database"] == "ok" else 503)
