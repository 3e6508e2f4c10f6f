/// One acronym of the network's shared glossary ("lexique partagé"), published by the hub.
public struct GlossaryEntry: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "glossary_entry")
    public static let visibility = Visibility.network

    public var term: String
    public var expansion: String
    public var definition: String

    public init(term: String, expansion: String, definition: String) {
        self.term = term
        self.expansion = expansion
        self.definition = definition
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["term", "expansion", "definition"])
        term = r.text("term", max: 20)
        expansion = r.text("expansion", max: 200)
        definition = r.text("definition", max: 1000, multiline: true)
        if term.contains(where: { $0.isWhitespace }) { issues.add("term", "un sigle s'écrit sans espace.") }
    }

    public var json: JSONValue {
        .object(["term": .string(term), "expansion": .string(expansion), "definition": .string(definition)])
    }

    /// The acronyms of the network, with plain definitions, that a new hub publishes.
    public static let defaults: [GlossaryEntry] = [
        .init(
            term: "MDA",
            expansion: "Maison des adolescents",
            definition:
                "Lieu d'accueil, d'écoute et d'orientation des 11-25 ans et de leurs parents ; elle pilote la bourse d'échange Vis ma vie pro."
        ),
        .init(
            term: "ASE",
            expansion: "Aide sociale à l'enfance",
            definition:
                "Service du Conseil départemental qui protège les enfants en danger ou en risque de l'être : accueil, placement, aides éducatives."
        ),
        .init(
            term: "PJJ",
            expansion: "Protection judiciaire de la jeunesse",
            definition: "Direction du ministère de la Justice chargée des mineurs suivis par le juge, au pénal et parfois au civil."
        ),
        .init(
            term: "UEMO",
            expansion: "Unité éducative de milieu ouvert",
            definition: "Service de la PJJ qui suit les jeunes chez eux, sans placement, sur décision du juge."
        ),
        .init(
            term: "CER",
            expansion: "Centre éducatif renforcé",
            definition: "Petite structure qui accueille quelques mois des mineurs placés par le juge, avec un encadrement éducatif intensif."
        ),
        .init(
            term: "CMP",
            expansion: "Centre médico-psychologique",
            definition: "Centre public de consultations et de soins psychiques, gratuit ; en infanto-juvénile pour les moins de 18 ans."
        ),
        .init(
            term: "CMPP",
            expansion: "Centre médico-psycho-pédagogique",
            definition: "Centre de consultations pour enfants et adolescents en difficulté psychologique ou scolaire."
        ),
        .init(
            term: "MDPH",
            expansion: "Maison départementale des personnes handicapées",
            definition: "Guichet unique qui reconnaît le handicap et oriente vers les aides et établissements adaptés."
        ),
        .init(
            term: "CIO",
            expansion: "Centre d'information et d'orientation",
            definition:
                "Service de l'Éducation nationale où des psychologues conseillent les jeunes sur leur orientation scolaire et professionnelle."
        ),
        .init(
            term: "CIJ",
            expansion: "Centre d'information jeunesse",
            definition: "Lieu d'information gratuit des jeunes sur les études, l'emploi, le logement, la santé, les loisirs."
        ),
        .init(
            term: "IME",
            expansion: "Institut médico-éducatif",
            definition:
                "Établissement qui accueille des enfants et adolescents avec une déficience intellectuelle, pour des soins et une éducation adaptés."
        ),
        .init(
            term: "ITEP",
            expansion: "Institut thérapeutique, éducatif et pédagogique",
            definition: "Établissement pour jeunes dont les difficultés psychologiques perturbent gravement la scolarité et la vie sociale."
        ),
        .init(
            term: "SESSAD",
            expansion: "Service d'éducation spéciale et de soins à domicile",
            definition: "Équipe qui accompagne des jeunes handicapés dans leurs lieux de vie : école, domicile."
        ),
        .init(
            term: "AEMO",
            expansion: "Action éducative en milieu ouvert",
            definition: "Mesure décidée par le juge des enfants : un éducateur accompagne la famille à domicile."
        ),
        .init(
            term: "DAFPEN",
            expansion: "Délégation académique à la formation des personnels de l'Éducation nationale",
            definition: "Service du rectorat qui organise la formation continue des personnels de l'Éducation nationale."
        ),
        .init(
            term: "OPCO",
            expansion: "Opérateur de compétences",
            definition: "Organisme qui finance la formation professionnelle des salariés d'une branche (anciennement OPCA)."
        ),
        .init(
            term: "ULIS",
            expansion: "Unité localisée pour l'inclusion scolaire",
            definition: "Dispositif d'un collège ou lycée qui permet à des élèves handicapés de suivre une scolarité adaptée."
        ),
        .init(
            term: "AESH",
            expansion: "Accompagnant d'élèves en situation de handicap",
            definition: "Personne qui aide en classe un élève handicapé."
        ),
    ]
}
