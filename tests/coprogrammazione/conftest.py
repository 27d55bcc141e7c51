# The real Celery worker fixtures of the core, shared with this app's reminder test.
from tests.costellazioni.test_celery_worker import celery_on_redis, celery_worker, mail_dir, redis_url  # noqa: F401
