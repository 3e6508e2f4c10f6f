import Records

/// Storage failures, described in French for staff.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notInitialized(String)
    case alreadyInitialized(String)
    case invalidRecord(ValidationError)
    case rejected(envelopeID: String, reason: String)
    case notFound(String)
    case notOwner(String)
    case recoveryPending
    case privateRecordNotRetractable(String)
    /// The database was migrated by a later version of vmvp (the steps it has that this one lacks).
    case newerDatabase([String])

    public var description: String {
        switch self {
        case .notInitialized(let path):
            "Aucun nœud n'existe dans « \(path) ». Lancer d'abord « vmvp init » (ou préciser --data)."
        case .alreadyInitialized(let path):
            "Un nœud existe déjà dans « \(path) » : rien n'a été modifié."
        case .invalidRecord(let error): error.description
        case .rejected(let id, let reason): "Enregistrement \(id) refusé : \(reason)"
        case .notFound(let id): "Aucun enregistrement « \(id) » sur ce nœud."
        case .notOwner(let id): "L'enregistrement « \(id) » appartient à une autre structure : seule elle peut le modifier."
        case .privateRecordNotRetractable(let id):
            "L'enregistrement privé « \(id) » ne se retire pas : on l'annule par l'étape prévue (par exemple une annulation), adressée aux mêmes structures."
        case .newerDatabase(let steps):
            "Cette base de données a été mise à jour par une version plus récente de vmvp (étapes inconnues de celle-ci : \(steps.joined(separator: ", "))). Installer cette version plus récente, ou restaurer une sauvegarde faite avec la version installée ; rien n'a été modifié."
        case .recoveryPending:
            "Ce nœud a été restauré depuis une sauvegarde : il doit d'abord récupérer ses propres enregistrements auprès du hub (lancer « vmvp sync ») avant d'en écrire de nouveaux."
        }
    }
}
