"""The one way a stored file leaves the portal: a download, sandboxed, never sniffed, inline only if harmless."""

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

from costellazioni.uploads import checks

# Shown in the browser only when asked for and only these types; everything else is downloaded.
INLINE_TYPES = frozenset({checks.PDF_TYPE, checks.JPEG_TYPE, checks.PNG_TYPE})
OCTET_STREAM = "application/octet-stream"
# Types the portal itself writes (calendar invitations) keep their type, always as a download.
GENERATED_TYPES = frozenset({"text/calendar"})


def file_response(content, *, filename: str, content_type: str = "", inline: bool = False, private: bool = True):
    """Serve ``content`` (a stored file, or bytes kept in the database) as ``filename``.

    ``content_type`` is the one verified on upload; without it the type is read from the first bytes and anything
    not on the allow-list becomes ``application/octet-stream``. Every response is ``nosniff`` and carries
    ``Content-Security-Policy: sandbox``, so even a file that slipped through cannot run a script on this origin.
    """
    in_memory = isinstance(content, bytes | bytearray | memoryview)
    if in_memory:
        content = bytes(content)
        head = content[:16]
    else:
        handle = content.open("rb")
        head = handle.read(16)
        handle.seek(0)
    if not content_type:
        content_type = checks.sniff(head)
    if content_type not in checks.EXTENSIONS and content_type not in GENERATED_TYPES:
        content_type = OCTET_STREAM
    as_attachment = not (inline and content_type in INLINE_TYPES)
    filename = checks.safe_filename(filename)
    if in_memory:
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        response = FileResponse(handle, content_type=content_type, as_attachment=as_attachment, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=3600"
    return response
