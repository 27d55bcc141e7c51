"""The one way a stored file leaves the portal: a download, sandboxed, never sniffed, inline only if harmless."""

import io

from django.http import FileResponse

from costellazioni.uploads import checks

# Shown in the browser only when asked for and only these types; everything else is downloaded.
INLINE_TYPES = frozenset({checks.PDF_TYPE, checks.JPEG_TYPE, checks.PNG_TYPE})
OCTET_STREAM = "application/octet-stream"


def file_response(
    content, *, filename: str, content_type: str = "", inline: bool = False, private: bool = True
) -> FileResponse:
    """Serve ``content`` (a stored file or bytes) as ``filename``.

    ``content_type`` is the one verified on upload; without it the type is read from the first bytes and anything
    not on the allow-list becomes ``application/octet-stream``. Every response is ``nosniff`` and carries
    ``Content-Security-Policy: sandbox``, so even a file that slipped through cannot run a script on this origin.
    """
    in_memory = isinstance(content, bytes | bytearray | memoryview)
    handle = io.BytesIO(bytes(content)) if in_memory else content.open("rb")
    if not content_type:
        head = handle.read(16)
        handle.seek(0)
        content_type = checks.sniff(head)
    if content_type not in checks.EXTENSIONS:
        content_type = OCTET_STREAM
    as_attachment = not (inline and content_type in INLINE_TYPES)
    response = FileResponse(
        handle, content_type=content_type, as_attachment=as_attachment, filename=checks.safe_filename(filename)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=3600"
    return response
