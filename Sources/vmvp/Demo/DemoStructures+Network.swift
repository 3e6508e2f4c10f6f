import Records

extension DemoData {
    /// The rest of the network: eight more partners, so that the twelve structures cover the eight
    /// sectors of the MDA's project sheet, from Lunel to Bédarieux.
    static let network: [Structure] = networkA + networkB

    /// Child protection, the medico-social sector, culture and youth work.
    static let networkA: [Structure] = [
        Structure(
            directory: "mecs-pezenas",
            name: "Maison d'enfants Les Micocouliers",
            article: .la,
            sector: .social,
            subType: "Maison d'enfants à caractère social (MECS), Aide sociale à l'enfance",
            commune: "Pézenas",
            description:
                "Accueil d'enfants et d'adolescents de 6 à 21 ans confiés à l'Aide sociale à l'enfance (ASE) par le Département ou par le juge.",
            contact: Contact(
                name: "Valérie Combes",
                role: "Cheffe de service éducatif",
                email: "v.combes@mecs-micocouliers.example",
                phone: "04 67 98 00 00"
            ),
            offers: [
                OfferSeed(
                    establishment: "Maison d'enfants, groupe des adolescents",
                    commune: "Pézenas",
                    missions:
                        "Accueil au quotidien de douze adolescents de 13 à 18 ans confiés à l'Aide sociale à l'enfance (ASE) : "
                        + "vie collective, scolarité, santé, liens avec les familles, préparation à l'autonomie.",
                    jobs: "Éducateur spécialisé, moniteur-éducateur, maîtresse de maison, surveillant de nuit, psychologue, cheffe de service.",
                    observer:
                        "Professionnel qui accompagne des jeunes placés sans connaître la vie d'un foyer : enseignant, conseiller principal "
                        + "d'éducation, infirmier, conseiller en insertion.",
                    periods: [(10, 45), (56, 150)],
                    halfDays: 4,
                    capacity: 1,
                    contents:
                        "Retour du collège et repas du soir avec le groupe, réunion d'équipe hebdomadaire, préparation d'une synthèse "
                        + "avec le référent de l'ASE, échange avec la psychologue.",
                    documents: ["Livret d'accueil de la maison d'enfants", "Projet d'établissement"],
                    conditions: secrecy
                        + " Les jeunes sont prévenus de la venue d'un professionnel extérieur ; pas de présence aux entretiens individuels.",
                    effectsHost:
                        "Être connue des partenaires autrement que par les incidents, et construire des relais pour la scolarité et le soin.",
                    effectsVisitor: "Comprendre ce que vit un adolescent placé au quotidien et le rôle de chacun autour de lui."
                ),
                OfferSeed(
                    establishment: "Service d'accompagnement vers l'autonomie",
                    commune: "Pézenas",
                    missions:
                        "Accompagnement de jeunes de 16 à 21 ans logés en appartement : budget, logement, démarches, formation, "
                        + "contrat jeune majeur (accompagnement de l'Aide sociale à l'enfance prolongé après 18 ans).",
                    jobs: "Éducatrice spécialisée, conseillère en économie sociale et familiale.",
                    observer: "Conseiller de Mission locale, assistant social de secteur, professionnel d'un centre social.",
                    periods: [(30, 120)],
                    halfDays: 2,
                    capacity: 1,
                    contents: "Visite à domicile préparée avec le jeune, atelier budget collectif, réunion de coordination avec la Mission locale.",
                    documents: [],
                    conditions: secrecy + " Visite à domicile seulement avec l'accord du jeune.",
                    effectsHost: "Préparer plus tôt les sorties de l'Aide sociale à l'enfance avec les partenaires de l'insertion.",
                    effectsVisitor: "Connaître les aides possibles après 18 ans et les démarches à anticiper avec un jeune."
                ),
            ],
            demands: [
                demand(
                    name: "Sarah Ben Youssef",
                    job: "Éducatrice spécialisée",
                    structure: "Maison d'enfants Les Micocouliers",
                    sectors: [.sanitaire],
                    missions: "Découvrir comment une équipe de soins psychiques accueille un adolescent en crise et travaille avec son lieu de vie.",
                    from: 21,
                    to: 80,
                    halfDays: 4,
                    objective: "Mieux préparer les hospitalisations et les retours au foyer des jeunes accueillis."
                )
            ],
            people: [
                Person(name: "Romain Estève", job: "Éducateur spécialisé"),
                Person(name: "Sarah Ben Youssef", job: "Éducatrice spécialisée"),
                Person(name: "Lucie Carrère", job: "Maîtresse de maison"),
                Person(name: "Théo Mercier", job: "Moniteur-éducateur"),
                Person(name: "Anne-Sophie Gilles", job: "Psychologue"),
            ]
        ),
        Structure(
            directory: "ime-castelnau",
            name: "IME Les Garrigues",
            article: .elided,
            sector: .medicoSocial,
            subType: "Institut médico-éducatif (IME) et service d'éducation spéciale et de soins à domicile (SESSAD), association",
            commune: "Castelnau-le-Lez",
            description:
                "Accompagnement éducatif, scolaire et thérapeutique de jeunes de 12 à 20 ans ayant une déficience intellectuelle, "
                + "sur orientation de la Maison départementale des personnes handicapées (MDPH).",
            contact: Contact(
                name: "Philippe Granier",
                role: "Directeur adjoint",
                email: "direction@ime-garrigues.example",
                phone: "04 67 72 00 00"
            ),
            offers: [
                OfferSeed(
                    establishment: "IME, section des 14-20 ans",
                    commune: "Castelnau-le-Lez",
                    missions:
                        "Apprentissages et ateliers préprofessionnels (cuisine, espaces verts, blanchisserie), classe interne à "
                        + "l'IME, soins et rééducations, stages en entreprise.",
                    jobs:
                        "Éducateur spécialisé, éducateur technique spécialisé, enseignante spécialisée, psychologue, orthophoniste, "
                        + "psychomotricien.",
                    observer:
                        "Enseignant de collège ou de lycée professionnel, conseiller en insertion, "
                        + "animateur qui accueille des jeunes en situation de handicap.",
                    periods: [(14, 42), (49, 160)],
                    halfDays: 4,
                    capacity: 2,
                    contents:
                        "Matinée en atelier cuisine ou espaces verts, temps de classe, réunion de projet personnalisé, "
                        + "rencontre avec l'équipe de soins.",
                    documents: ["Livret d'accueil de l'IME", "Projet d'établissement"],
                    conditions: secrecy + " Présence aux réunions de projet personnalisé seulement avec l'accord du jeune et de sa famille.",
                    effectsHost: "Ouvrir des places de stage et des temps d'inclusion pour les jeunes de l'IME.",
                    effectsVisitor: "Savoir ce qu'un jeune ayant une déficience intellectuelle peut apprendre et comment l'accompagner."
                ),
                OfferSeed(
                    establishment: "Service d'éducation spéciale et de soins à domicile (SESSAD)",
                    commune: "Castelnau-le-Lez",
                    missions:
                        "Soins et accompagnement éducatif là où vit le jeune : à l'école, à la maison, dans ses loisirs ; "
                        + "soutien à la scolarité en classe ordinaire ou en unité localisée pour l'inclusion scolaire (ULIS).",
                    jobs: "Éducatrice spécialisée, psychomotricien, orthophoniste, psychologue.",
                    observer: "Enseignant, accompagnant d'élèves en situation de handicap (AESH), conseiller principal d'éducation, animateur.",
                    periods: [(21, 110)],
                    halfDays: 2,
                    capacity: 1,
                    contents: "Intervention d'une éducatrice dans un collège, réunion d'équipe du SESSAD.",
                    documents: ["Plaquette du SESSAD"],
                    conditions: secrecy + " Intervention au collège seulement avec l'accord de la famille et de l'établissement.",
                    effectsHost: "Mieux travailler avec les équipes des collèges et des lieux de loisirs.",
                    effectsVisitor: "Savoir ce que le SESSAD apporte à un élève en classe ordinaire et comment le solliciter."
                ),
            ],
            demands: [
                demand(
                    name: "Mehdi Saïdi",
                    job: "Éducateur technique spécialisé",
                    structure: "IME Les Garrigues",
                    sectors: [.educatif],
                    missions:
                        "Découvrir les ateliers d'un lycée professionnel et l'accueil d'élèves à besoins particuliers en certificat "
                        + "d'aptitude professionnelle (CAP).",
                    from: 28,
                    to: 90,
                    halfDays: 4,
                    objective: "Préparer l'entrée en CAP de jeunes de l'IME et les stages qui la précèdent."
                )
            ],
            people: [
                Person(name: "Clara Rey", job: "Éducatrice spécialisée"),
                Person(name: "Mehdi Saïdi", job: "Éducateur technique spécialisé"),
                Person(name: "Agnès Colomb", job: "Enseignante spécialisée"),
                Person(name: "Pauline Teixeira", job: "Orthophoniste"),
                Person(name: "Bruno Lacombe", job: "Psychomotricien"),
            ]
        ),
        Structure(
            directory: "mediatheque-beziers",
            name: "Médiathèque des Fonserannes",
            article: .la,
            sector: .culturel,
            subType: "Médiathèque de l'agglomération, service des publics",
            commune: "Béziers",
            description:
                "Médiathèque ouverte à tous, avec un espace adolescents, un pôle numérique et des actions menées avec les structures du territoire.",
            contact: Contact(
                name: "Isabelle Ferrer",
                role: "Responsable du service des publics",
                email: "publics@mediatheque-fonserannes.example",
                phone: "04 67 36 00 00"
            ),
            offers: [
                OfferSeed(
                    establishment: "Espace adolescents et pôle numérique",
                    commune: "Béziers",
                    missions:
                        "Accueil libre des adolescents après les cours, conseils de lecture, jeux vidéo et ateliers numériques, "
                        + "accueil de classes et de groupes.",
                    jobs: "Bibliothécaire jeunesse, animateur numérique, médiatrice culturelle, agents d'accueil.",
                    observer: "Éducateur, animateur ou soignant qui cherche des activités culturelles pour les jeunes qu'il accompagne.",
                    periods: [(0, 40), (52, 180)],
                    halfDays: 2,
                    capacity: 2,
                    contents: "Accueil du mercredi après-midi, atelier de création numérique, réunion de programmation de l'équipe jeunesse.",
                    documents: ["Programme culturel du trimestre"],
                    conditions: secrecy,
                    effectsHost: "Être connue comme un lieu sûr et gratuit pour les adolescents et ceux qui les accompagnent.",
                    effectsVisitor: "Savoir quelles activités proposer et comment venir avec un groupe à la médiathèque."
                ),
                OfferSeed(
                    establishment: "Actions culturelles hors les murs",
                    commune: "Béziers",
                    missions:
                        "Ateliers d'écriture, lectures et projets culturels menés dans des foyers, des services de soin et des centres sociaux.",
                    jobs: "Médiatrice culturelle, bibliothécaire chargée des actions hors les murs, auteurs et artistes invités.",
                    observer: "Professionnel d'une maison d'enfants, d'un hôpital de jour ou d'un centre social qui veut monter un projet culturel.",
                    periods: [(21, 120)],
                    halfDays: 4,
                    capacity: 1,
                    contents: "Préparation d'un atelier d'écriture avec un partenaire, séance d'atelier, bilan avec l'équipe.",
                    documents: [],
                    conditions: secrecy + " Les textes des jeunes ne sont diffusés qu'avec leur accord.",
                    effectsHost: "Construire de nouveaux partenariats avec le secteur social et le soin.",
                    effectsVisitor: "Monter un projet culturel adapté aux jeunes accompagnés."
                ),
            ],
            demands: [
                demand(
                    name: "Salomé Durand",
                    job: "Médiatrice culturelle",
                    structure: "Médiathèque des Fonserannes",
                    sectors: [.social, .socioEducatif],
                    missions: "Découvrir le quotidien d'une maison d'enfants ou d'un centre social et ce qu'y attendent les adolescents.",
                    from: 30,
                    to: 100,
                    halfDays: 2,
                    objective: "Construire des actions culturelles pour des jeunes qui ne viennent pas d'eux-mêmes à la médiathèque."
                )
            ],
            people: [
                Person(name: "Yann Le Gall", job: "Bibliothécaire jeunesse"),
                Person(name: "Salomé Durand", job: "Médiatrice culturelle"),
                Person(name: "Rachid Mansouri", job: "Animateur numérique"),
                Person(name: "Chloé Vasseur", job: "Bibliothécaire chargée des actions hors les murs"),
                Person(name: "Manon Delmas", job: "Agente d'accueil"),
            ]
        ),
        Structure(
            directory: "mjc-ganges",
            name: "MJC La Filature",
            article: .la,
            sector: .socioEducatif,
            subType: "Maison des jeunes et de la culture (MJC), association d'éducation populaire",
            commune: "Ganges",
            description:
                "Lieu de loisirs, de pratiques artistiques et de projets pour les jeunes des Cévennes gangeoises, avec un accueil des 11-17 ans.",
            contact: Contact(
                name: "Stéphane Rouquette",
                role: "Directeur",
                email: "direction@mjc-lafilature.example",
                phone: "04 67 73 00 00"
            ),
            offers: [
                OfferSeed(
                    establishment: "Accueil jeunes de la MJC",
                    commune: "Ganges",
                    missions:
                        "Accueil libre des 11-17 ans après les cours et pendant les vacances, accompagnement de projets de jeunes "
                        + "(séjours, concerts, chantiers), prévention des conduites à risque.",
                    jobs: "Animateurs jeunesse, coordinatrice enfance-jeunesse, animateur du studio de musique.",
                    observer:
                        "Éducateur, infirmier, enseignant ou conseiller en insertion qui veut connaître les loisirs des jeunes en milieu rural.",
                    periods: [(5, 47), (60, 170)],
                    halfDays: 4,
                    capacity: 2,
                    contents:
                        "Accueil du mercredi et du vendredi soir, atelier au studio de musique, réunion d'équipe, "
                        + "préparation d'un séjour avec un groupe de jeunes.",
                    documents: ["Projet associatif de la MJC"],
                    conditions: secrecy,
                    effectsHost: "Savoir vers qui se tourner quand un jeune confie une difficulté.",
                    effectsVisitor: "Comprendre ce que l'animation apporte aux jeunes, surtout en milieu rural, loin des services."
                )
            ],
            demands: [],
            people: [
                Person(name: "Lina Bouchareb", job: "Animatrice jeunesse"),
                Person(name: "Maxime Arnal", job: "Animateur jeunesse"),
                Person(name: "Élodie Sabatier", job: "Coordinatrice enfance-jeunesse"),
                Person(name: "Jordan Mbemba", job: "Animateur du studio de musique"),
                Person(name: "Françoise Teissier", job: "Chargée d'accueil et de secrétariat"),
            ]
        ),
    ]
}
