from governance.admin.appalto import ContattoReteAdmin, PartenariatoAdmin, RapportoAppaltatoreAdmin, SopralluogoAdmin
from governance.admin.organi import DocumentoOrganoAdmin, OrganoAdmin
from governance.admin.riunioni import AzioneAdmin, DecisioneAdmin, RiunioneAdmin, VerbaleAdmin

__all__ = [
    "AzioneAdmin",
    "ContattoReteAdmin",
    "DecisioneAdmin",
    "DocumentoOrganoAdmin",
    "OrganoAdmin",
    "PartenariatoAdmin",
    "RapportoAppaltatoreAdmin",
    "RiunioneAdmin",
    "SopralluogoAdmin",
    "VerbaleAdmin",
]
