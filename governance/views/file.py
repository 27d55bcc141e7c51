"""Downloads of private governance files, each behind its permission check."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from governance import uploads
from governance.models import DocumentoOrgano, VersioneDocumento


def documento_versione(request, pk):
    versione = get_object_or_404(VersioneDocumento.objects.select_related("documento"), pk=pk)
    if not DocumentoOrgano.objects.visible_to(request.user).filter(pk=versione.documento_id).exists():
        raise Http404
    return uploads.file_response(versione.file, content_type=versione.content_type, filename=versione.nome_originale)
