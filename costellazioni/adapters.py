from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Account e-mails (verification, password reset) leave through the Celery mail queue."""

    def send_mail(self, template_prefix, email, context):
        from costellazioni.tasks import send_email

        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        send_email.delay(subject=message.subject, body=message.body, to=list(message.to), html=html)
