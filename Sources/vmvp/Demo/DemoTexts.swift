import Exchange
import Foundation
import Records

/// What the people of the demo's history write: varied enough that pages and evaluations read
/// like a real network's, chosen by index so that the same plan gives the same words.
enum DemoTexts {
    static func pick(_ texts: [String], _ n: Int) -> String { texts[abs(n) % texts.count] }

    static func experience(_ n: Int) -> String {
        pick(
            [
                "Six ans dans la structure, auprès d'adolescents de 12 à 18 ans.",
                "Douze ans d'exercice, dont quatre dans l'équipe actuelle.",
                "Trois ans dans le poste, après huit ans dans un autre service du département.",
                "Vingt ans de métier ; je coordonne aujourd'hui les relations avec les partenaires.",
                "Deux ans dans le poste, après une première carrière dans l'animation.",
            ],
            n
        )
    }

    static func objective(_ sector: Sector) -> String {
        switch sector {
        case .sanitaire: "Savoir quand et comment orienter un jeune vers le soin, et ce que l'équipe soignante attend de nous."
        case .educatif: "Comprendre le fonctionnement d'un établissement scolaire pour mieux préparer les retours en classe."
        case .social: "Connaître les mesures de protection de l'enfance et le quotidien d'un lieu d'accueil."
        case .judiciaire: "Comprendre le cadre judiciaire des mineurs, ses délais et ce qu'il attend des partenaires."
        case .medicoSocial: "Voir comment un établissement médico-social construit le projet de chaque jeune."
        case .culturel: "Découvrir ce qu'un lieu culturel peut proposer aux adolescents que nous accompagnons."
        case .informationOrientation: "Connaître les dispositifs d'insertion et d'orientation pour les jeunes sans solution."
        case .socioEducatif: "Voir comment un lieu d'animation accueille les adolescents et travaille avec les familles."
        }
    }

    /// The three questions a visitor brings, by the host's sector.
    static func questions(_ sector: Sector) -> [String] {
        switch sector {
        case .sanitaire: ["Quel est le délai d'un premier rendez-vous ?", "Qui appeler quand une situation est urgente ?"]
        case .educatif: ["Comment l'établissement repère-t-il un élève qui décroche ?", "À qui s'adresser pour préparer un retour en classe ?"]
        case .social: ["Comment se décide un placement ?", "Quelle place pour les familles dans le projet du jeune ?"]
        case .judiciaire: ["Que peut-on partager avec l'éducateur PJJ ?", "Comment se prépare une fin de mesure ?"]
        case .medicoSocial: ["Comment se construit le projet personnalisé ?", "Quels liens avec l'école ?"]
        case .culturel: ["Quelles actions pour les 12-18 ans ?", "Comment monter un projet avec un groupe de jeunes ?"]
        case .informationOrientation: ["Quels dispositifs pour un jeune sans solution ?", "Comment orienter vers un conseiller ?"]
        case .socioEducatif: ["Comment les jeunes arrivent-ils jusqu'ici ?", "Quels liens avec les familles et les autres services ?"]
        }
    }

    static func decline(_ reason: ImmersionAnswer.Reason) -> String {
        switch reason {
        case .noAvailability: "L'équipe est en effectif réduit sur ces semaines ; redemandez-nous à la rentrée."
        case .profileNotSuited: "Cette offre s'adresse plutôt à des professionnels qui accompagnent des jeunes au quotidien."
        case .offerFull: "Les places de cette période sont déjà prises."
        case .other: "Le service déménage pendant cette période."
        }
    }

    static let counter = "Ces dates tombent sur notre séminaire d'équipe : nous vous proposons la semaine suivante."

    static func cancellation(byHost: Bool) -> String {
        byHost
            ? "Une inspection du service a été fixée à ces dates : nous devons reporter l'accueil."
            : "La personne accueillie est en arrêt maladie ; nous referons une demande plus tard."
    }

    static let noShow = "La personne n'est pas venue et ne nous a pas prévenus ; sa structure nous a présenté ses excuses depuis."

    /// An evaluation of an immersion that took place, its answers varied by `variant`.
    static func evaluation(_ id: String, _ role: ImmersionEvaluation.Role, variant: Int) -> ImmersionEvaluation {
        let satisfaction = [5, 4, 4, 5, 3, 4, 2, 5][abs(variant) % 8]
        return ImmersionEvaluation(
            request: id,
            role: role,
            attended: true,
            expected: role == .visitor
                ? pick(
                    [
                        "Comprendre comment l'équipe reçoit une première demande.",
                        "Voir le quotidien des professionnels et leurs contraintes.",
                        "Savoir à qui m'adresser quand un jeune a besoin de ce service.",
                    ],
                    variant
                )
                : pick(
                    [
                        "Faire connaître nos missions et nos limites.", "Créer un lien direct avec un partenaire du territoire.",
                        "Entendre le regard d'un autre métier sur notre travail.",
                    ],
                    variant
                ),
            observed: pick(
                [
                    "Une réunion d'équipe, deux entretiens d'accueil et un temps d'échange avec la responsable.",
                    "Le travail en binôme, les transmissions et la préparation d'une synthèse.",
                    "Une permanence, un atelier collectif et la réunion avec les partenaires.",
                    "Le fonctionnement au jour le jour, avec ses urgences et ses délais.",
                ],
                variant
            ),
            changedView: pick(
                [
                    "Je mesure mieux les délais et pourquoi ils existent.",
                    "Je sais maintenant qui appeler et comment présenter une situation.",
                    "J'avais une image plus rigide du service ; l'équipe cherche des solutions avec peu de moyens.",
                    "Nos deux métiers se complètent davantage que je ne le pensais.",
                ],
                variant + 1
            ),
            satisfaction: satisfaction,
            wouldRecommend: satisfaction >= 3,
            comments: satisfaction <= 2 ? "Trop peu de temps d'échange avec l'équipe ; deux jours seraient mieux qu'un." : "",
            practiceChanges: role == .visitor
                ? pick(
                    [
                        "Je préparerai mes orientations avec un appel préalable.",
                        "Nous inviterons ce partenaire à notre prochaine réunion de synthèse.",
                        "Je présenterai ce service aux familles plus tôt.",
                    ],
                    variant
                ) : ""
        )
    }
}

extension DemoTexts {
    /// A follow-up 3 or 6 months on, answered by one structure: the same facts from both sides
    /// of an immersion (`variant` is the immersion's), with words of their own.
    static func followUp(_ id: String, months: Int, variant: Int, visitorSide: Bool) -> ImmersionFollowUp {
        let worked = (variant + months) % 3 != 0
        let kinds = ImmersionFollowUp.JointWork.allCases
        let picked: Set<ImmersionFollowUp.JointWork> = [kinds[variant % kinds.count], kinds[(variant + months) % 2 == 0 ? 1 : 2]]
        return ImmersionFollowUp(
            request: id,
            months: months,
            workedTogether: worked,
            jointWork: worked ? kinds.filter(picked.contains) : [],
            knowsWhomToCall: worked || (variant + (visitorSide ? 1 : 0)) % 2 == 0,
            practice: pick(
                [
                    "J'appelle avant d'orienter, et l'orientation tient mieux.",
                    "Nous avons invité l'autre équipe à notre réunion de synthèse.",
                    "",
                    "Je présente ce service aux familles plus tôt et avec plus de précision.",
                ],
                variant + months + (visitorSide ? 0 : 1)
            ),
            listInDirectory: worked && variant % 5 != 0
        )
    }
}

extension DemoData {
    /// "Inès Garcia" of "cmp-beziers" → "ines.garcia@cmp-beziers.example".
    static func email(of person: Person, at structure: Structure) -> String {
        let local = person.name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
            .split(whereSeparator: { !$0.isLetter }).joined(separator: ".")
        return "\(local)@\(structure.directory).example"
    }
}
