"""Downloads of private governance files, each behind its permission check."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from costellazioni.uploads import EXTENSIONS, file_response
from governance import permissions
from governance.models import (
    AllegatoRapporto,
    DocumentoOrgano,
    DocumentoPartenariato,
    FotoSopralluogo,
    RapportoAppaltatore,
    VersioneDocumento,
)


def documento_versione(request, pk):
    versione = get_object_or_404(VersioneDocumento.objects.select_related("documento"), pk=pk)
    if not DocumentoOrgano.objects.visible_to(request.user).filter(pk=versione.documento_id).exists():
        raise Http404
    return file_response(versione.file, content_type=versione.content_type, filename=versione.nome_originale)


def allegato_rapporto(request, pk):
    allegato = get_object_or_404(AllegatoRapporto, pk=pk)
    if not RapportoAppaltatore.objects.visible_to(request.user).filter(pk=allegato.rapporto_id).exists():
        raise Http404
    return file_response(allegato.file, content_type=allegato.content_type, filename=allegato.nome_originale)


def foto_sopralluogo(request, pk):
    foto = get_object_or_404(FotoSopralluogo, pk=pk)
    if not permissions.follows_sopralluoghi(request.user):
        raise Http404
    return file_response(
        foto.file,
        content_type=foto.content_type,
        filename=f"sopralluogo-{foto.pk}{EXTENSIONS.get(foto.content_type, '')}",
    )


def documento_partenariato(request, pk):
    documento = get_object_or_404(DocumentoPartenariato.objects.select_related("partenariato"), pk=pk)
    if not permissions.can_view_documenti_partenariato(request.user, documento.partenariato):
        raise Http404
    return file_response(documento.file, content_type=documento.content_type, filename=documento.nome_originale)
