import Exchange
import Records
import Workflow

/// How the immersion workflow's states, steps and parties read on the site.
enum ImmersionWording {
    static func state(_ state: ImmersionState, names: [String: StructureName]) -> String {
        switch state {
        case .noRequest: "Demande introuvable"
        case .requested: "Demande envoyée, en attente de réponse"
        case .declined(let reason): "Refusée : \(self.reason(reason))"
        case .counterProposed(let p): "Autres dates proposées : \(French.dates(p))"
        case .awaitingSignatures(let missing): "Acceptée — convention à signer (manque : \(missing.map(party).joined(separator: ", ")))"
        case .confirmed(let p): "Confirmée : toutes les parties ont signé (\(French.dates(p)))"
        case .inProgress: "En cours"
        case .cancelled(let by): "Annulée \((names[by] ?? StructureName("une des structures")).by)"
        case .completed(let p): "Terminée (\(French.dates(p)))"
        }
    }

    static func reason(_ reason: ImmersionAnswer.Reason) -> String {
        switch reason {
        case .noAvailability: "pas de disponibilité à ces dates"
        case .profileNotSuited: "profil ne correspondant pas à l'offre"
        case .offerFull: "offre complète"
        case .other: "autre raison"
        }
    }

    static func party(_ party: ConventionSignature.Party) -> String {
        switch party {
        case .visitor: "la personne accueillie"
        case .employer: "l'employeur (référent de la structure d'origine)"
        case .host: "la structure d'accueil"
        }
    }

    /// Who the signatory signs for, from their own point of view.
    static func signingFor(_ party: ConventionSignature.Party) -> String {
        switch party {
        case .visitor: "(pour vous-même)"
        case .employer: "(pour votre structure, en tant qu'employeur)"
        case .host: "(pour la structure d'accueil)"
        }
    }

    /// Where each party stands on the current convention.
    static func signatures(_ immersion: Immersion) -> [PartyStatus] {
        guard !immersion.conventions.isEmpty else { return [] }
        return ConventionSignature.Party.allCases.map { party in
            let status = immersion.countingSignature(for: party).map {
                "signée par \($0.signature.signerName) le \(French.dateTime($0.entry.created))"
            }
            return PartyStatus(label: French.capitalized(Self.party(party)), status: status ?? "pas encore signée")
        }
    }

    struct PartyStatus: Sendable {
        let label: String
        let status: String
    }

    /// What a convention version changed since the previous one, and whether it needs new signatures.
    static func changes(_ changes: (material: [String], other: [String])) -> String {
        changes.material.isEmpty
            ? "Dernière modification : \(changes.other.joined(separator: ", ")) — les signatures déjà données restent valables."
            : "Dernière modification : \((changes.material + changes.other).joined(separator: ", ")) — chaque partie doit signer cette nouvelle version."
    }

    /// The message shown after an action, by the key the redirect carries.
    static let notices: [String: String] = [
        "demande": "Votre demande est enregistrée et chiffrée ; elle part vers la structure d'accueil à la prochaine synchronisation.",
        "reponse": "Votre réponse est enregistrée ; elle part à la prochaine synchronisation.",
        "dates": "Vous avez accepté les dates proposées ; la structure d'accueil établit maintenant la convention.",
        "convention": "Nouvelle version de la convention enregistrée.",
        "signature": "Votre signature est enregistrée pour cette version de la convention.",
        "annulation": "L'immersion est annulée ; l'autre structure en est informée à la prochaine synchronisation.",
        "evaluation": "Merci : votre évaluation est enregistrée.",
        "accueil": "La liste d'accueil est enregistrée sur le nœud de votre structure.",
        "preparation": "Votre préparation est enregistrée ; la structure d'accueil la recevra à la prochaine synchronisation.",
        "suivi": "Merci : votre suivi est enregistré ; l'autre structure le lira après la prochaine synchronisation.",
    ]

    /// One line of the immersion's timeline.
    static func timeline(_ immersion: Immersion, names: [String: StructureName]) -> [TimelineEntry] {
        var version = 0
        var previous: Convention?
        return immersion.entries.map { entry in
            let author = names[entry.author] ?? .unknown
            let who = author.the
            let what: String
            switch entry.step.kind {
            case .request(let r): what = "Demande envoyée par \(r.visitorName) (\(author.name)) ; dates souhaitées : \(French.dates(r.period))."
            case .answer(let a):
                switch a.decision {
                case .accept where entry.author == immersion.visitorStructure: what = "Dates proposées acceptées par \(who)."
                case .accept: what = "Acceptée par \(who) ; dates retenues : \(a.period.map(French.dates) ?? "celles demandées")."
                case .decline: what = "Refusée par \(who) : \(a.reason.map(reason) ?? "")\(a.text.isEmpty ? "" : " — \(a.text)")."
                case .counter:
                    what = "Autres dates proposées par \(who) : \(a.period.map(French.dates) ?? "")\(a.text.isEmpty ? "" : " — \(a.text)")."
                }
            case .convention:
                version += 1
                if let previous, let convention = entry.convention {
                    let changes = convention.changes(since: previous)
                    what =
                        changes.material.isEmpty
                        ? "Convention modifiée par \(who) (version \(version)) : \(changes.other.joined(separator: ", ")) ; les signatures restent valables."
                        : "Convention modifiée par \(who) (version \(version)) : \((changes.material + changes.other).joined(separator: ", ")) ; chaque partie doit signer à nouveau."
                } else {
                    what = "Convention établie par \(who) (version \(version))."
                }
                previous = entry.convention
            case .signature(let s):
                what =
                    "Convention signée par \(s.signerName) pour \(party(s.party)) (version \(immersion.versionNumber(ofConvention: s.conventionHash)))."
            case .cancellation(let c): what = "Annulée par \(who) : \(c.reason)"
            case .evaluation(let e): what = "Évaluation écrite par \(e.role == .visitor ? "la personne accueillie" : "la structure d'accueil")."
            }
            return TimelineEntry(when: French.dateTime(entry.created), what: what)
        }
    }

    struct TimelineEntry: Sendable {
        let when: String
        let what: String
    }
}
