/// The eight fields of the network named by the MDA's project sheet.
public enum Sector: String, Sendable, CaseIterable, Codable, Comparable {
    case sanitaire
    case educatif
    case social
    case judiciaire
    case medicoSocial = "medico_social"
    case culturel
    case informationOrientation = "information_orientation"
    case socioEducatif = "socio_educatif"

    /// The label staff see, with the examples the source gives.
    public var label: String {
        switch self {
        case .sanitaire: "Sanitaire"
        case .educatif: "Éducatif"
        case .social: "Social"
        case .judiciaire: "Judiciaire"
        case .medicoSocial: "Médico-social"
        case .culturel: "Culturel"
        case .informationOrientation: "Information et orientation des jeunes"
        case .socioEducatif: "Socio-éducatif"
        }
    }

    public var examples: String {
        switch self {
        case .sanitaire: "hôpital, médecine libérale"
        case .educatif: "Éducation nationale, enseignement agricole"
        case .social: "Aide sociale à l'enfance, Conseil départemental"
        case .judiciaire: "Protection judiciaire de la jeunesse, secteur associatif habilité"
        case .medicoSocial: "instituts et services médico-sociaux"
        case .culturel: "services en direction des publics"
        case .informationOrientation: "Mission locale, Centre d'information jeunesse, Centre d'information et d'orientation"
        case .socioEducatif: "structures d'animation, centres sociaux"
        }
    }

    public static func < (a: Sector, b: Sector) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
