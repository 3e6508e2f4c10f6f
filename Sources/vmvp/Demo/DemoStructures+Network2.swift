import Records

extension DemoData {
    /// Hospital care, a vocational high school, street educators and a social centre.
    static let networkB: [Structure] = [
        Structure(
            directory: "chu-ado-montpellier",
            name: "Unité de médecine de l'adolescent — CHU de Montpellier",
            article: .elided,
            sector: .sanitaire,
            subType: "Service hospitalier de pédiatrie, centre hospitalier universitaire (CHU)",
            commune: "Montpellier",
            description:
                "Consultations et hospitalisations courtes pour les 12-18 ans : troubles alimentaires, maladies chroniques, "
                + "mal-être, suites d'une tentative de suicide.",
            contact: Contact(
                name: "Catherine Portal",
                role: "Cadre de santé",
                email: "medecine-ado@chu-montpellier.example",
                phone: "04 67 33 00 00"
            ),
            offers: [
                OfferSeed(
                    establishment: "Consultations de médecine de l'adolescent",
                    commune: "Montpellier",
                    missions:
                        "Consultations médicales et psychologiques des 12-18 ans, bilans, suivi des troubles alimentaires, "
                        + "lien avec le médecin traitant, la santé scolaire et les partenaires.",
                    jobs: "Pédiatre, infirmière, psychologue, diététicienne, assistante sociale.",
                    observer: "Infirmier scolaire, éducateur, conseiller principal d'éducation, professionnel d'une maison des adolescents.",
                    periods: [(14, 44), (58, 170)],
                    halfDays: 4,
                    capacity: 1,
                    contents: "Consultation infirmière d'accueil, réunion pluridisciplinaire du jeudi, réunion de coordination avec des partenaires.",
                    documents: ["Plaquette de l'unité", "Fiche de liaison pour adresser un adolescent"],
                    conditions:
                        secrecy + " Présence en consultation seulement avec l'accord de l'adolescent et de ses parents ; "
                        + "respect des règles d'hygiène de l'hôpital.",
                    effectsHost: "Recevoir des demandes mieux préparées et éviter des passages aux urgences.",
                    effectsVisitor: "Savoir quand une consultation spécialisée est utile et comment adresser un adolescent."
                ),
                OfferSeed(
                    establishment: "Hospitalisation de courte durée",
                    commune: "Montpellier",
                    missions:
                        "Hospitalisation de quelques jours pour faire le point dans une situation de crise : soins, travail avec la famille, "
                        + "préparation de la sortie avec les partenaires.",
                    jobs: "Pédiatre, pédopsychiatre, infirmière, éducatrice spécialisée.",
                    observer:
                        "Éducateur d'une maison d'enfants, de l'Aide sociale à l'enfance (ASE) ou de la Protection judiciaire de la jeunesse (PJJ).",
                    periods: [(30, 100)],
                    halfDays: 2,
                    capacity: 1,
                    contents: "Transmissions entre les équipes infirmières, réunion de préparation d'une sortie, activité collective de l'unité.",
                    documents: [],
                    conditions: secrecy + " Aucune rencontre avec un patient sans son accord ; tenue fournie.",
                    effectsHost: "Organiser les sorties d'hospitalisation avec les lieux de vie des jeunes.",
                    effectsVisitor: "Comprendre ce qui se passe pendant une hospitalisation et comment préparer le retour."
                ),
            ],
            demands: [
                demand(
                    name: "Benoît Laurent",
                    job: "Infirmier",
                    structure: "Unité de médecine de l'adolescent — CHU de Montpellier",
                    sectors: [.social],
                    missions: "Découvrir le quotidien d'une maison d'enfants à caractère social et le travail avec l'Aide sociale à l'enfance.",
                    from: 35,
                    to: 95,
                    halfDays: 4,
                    objective: "Mieux préparer la sortie d'hospitalisation des adolescents placés."
                )
            ],
            people: [
                Person(name: "Benoît Laurent", job: "Infirmier"),
                Person(name: "Mariam Koné", job: "Pédiatre"),
                Person(name: "Justine Pons", job: "Psychologue"),
                Person(name: "Ana Ferreira", job: "Diététicienne"),
                Person(name: "Hugo Chabert", job: "Assistant de service social"),
            ]
        ),
        Structure(
            directory: "lp-bedarieux",
            name: "Lycée professionnel Lucie Aubrac de Bédarieux",
            article: .le,
            sector: .educatif,
            subType: "Lycée professionnel public, Éducation nationale",
            commune: "Bédarieux",
            description:
                "Lycée de 350 élèves, avec internat, qui prépare au certificat d'aptitude professionnelle (CAP) et au baccalauréat "
                + "professionnel dans le bâtiment, la vente et les services à la personne.",
            contact: Contact(
                name: "Pascal Sicard",
                role: "Proviseur adjoint",
                email: "lp-aubrac@ac-montpellier.example",
                phone: "04 67 95 00 00"
            ),
            offers: [
                OfferSeed(
                    establishment: "Vie scolaire et internat",
                    commune: "Bédarieux",
                    missions: "Suivi de l'assiduité, prévention du décrochage, accueil des élèves en difficulté, lien avec les familles, internat.",
                    jobs: "Conseillère principale d'éducation, assistants d'éducation, infirmière scolaire, psychologue de l'Éducation nationale.",
                    observer:
                        "Éducateur de prévention, de l'Aide sociale à l'enfance ou de la Protection judiciaire de la jeunesse, "
                        + "conseiller de Mission locale.",
                    periods: [(7, 45), (60, 130)],
                    halfDays: 4,
                    capacity: 2,
                    contents:
                        "Permanence de la vie scolaire, groupe de prévention du décrochage scolaire, soirée à l'internat, "
                        + "échange avec la psychologue de l'Éducation nationale.",
                    documents: ["Règlement intérieur", "Livret d'accueil des élèves"],
                    conditions: secrecy,
                    effectsHost: "Travailler plus tôt avec les partenaires quand un élève décroche.",
                    effectsVisitor: "Comprendre le fonctionnement d'un lycée professionnel et le quotidien de ses élèves."
                ),
                OfferSeed(
                    establishment: "Ateliers et stages en entreprise",
                    commune: "Bédarieux",
                    missions:
                        "Enseignement professionnel en atelier, préparation et suivi des stages en entreprise (périodes de formation "
                        + "en milieu professionnel), lien avec les entreprises du territoire.",
                    jobs: "Professeurs de lycée professionnel, directeur délégué aux formations professionnelles.",
                    observer:
                        "Conseiller en insertion, éducateur technique d'un institut médico-éducatif, "
                        + "éducateur qui accompagne un jeune vers l'apprentissage.",
                    periods: [(21, 100)],
                    halfDays: 2,
                    capacity: 1,
                    contents:
                        "Séance en atelier bâtiment ou vente, visite de stage avec un professeur, "
                        + "rencontre avec le directeur délégué aux formations.",
                    documents: ["Carte des formations du lycée"],
                    conditions: secrecy,
                    effectsHost: "Faire connaître les formations et trouver des partenaires pour les stages.",
                    effectsVisitor: "Savoir présenter concrètement un CAP ou un baccalauréat professionnel à un jeune."
                ),
            ],
            demands: [
                demand(
                    name: "Nadège Fournier",
                    job: "Conseillère principale d'éducation",
                    structure: "Lycée professionnel Lucie Aubrac de Bédarieux",
                    sectors: [.social],
                    missions: "Découvrir le travail de rue d'une équipe de prévention spécialisée et ses liens avec les établissements scolaires.",
                    from: 21,
                    to: 75,
                    halfDays: 2,
                    objective: "Trouver des relais pour les élèves qui ne viennent plus au lycée."
                )
            ],
            people: [
                Person(name: "Nadège Fournier", job: "Conseillère principale d'éducation"),
                Person(name: "Karima Ouali", job: "Professeure de vente"),
                Person(name: "Sébastien Alary", job: "Directeur délégué aux formations professionnelles"),
                Person(name: "Patricia Molina", job: "Infirmière scolaire"),
                Person(name: "Grégory Baptiste", job: "Psychologue de l'Éducation nationale"),
            ]
        ),
        Structure(
            directory: "prevention-lunel",
            name: "Équipe de prévention spécialisée de Lunel",
            article: .elided,
            sector: .social,
            subType: "Prévention spécialisée (éducateurs de rue), association habilitée par le Département",
            commune: "Lunel",
            description:
                "Éducateurs de rue qui vont à la rencontre des jeunes de 11 à 25 ans dans les quartiers et les accompagnent dans leurs "
                + "démarches, s'ils le souhaitent, sans décision d'un juge ni d'un service.",
            contact: Contact(
                name: "Frédéric Maurin",
                role: "Chef de service",
                email: "prevention.lunel@passerelles.example",
                phone: "04 67 71 00 00"
            ),
            offers: [
                OfferSeed(
                    establishment: "Travail de rue et accompagnement éducatif",
                    commune: "Lunel",
                    missions:
                        "Présence dans les quartiers en fin de journée, accueil au local de l'équipe, accompagnement individuel vers "
                        + "la santé, la formation et le logement, médiation avec les familles et les établissements scolaires.",
                    jobs: "Éducateur spécialisé, moniteur-éducateur, chef de service.",
                    observer: "Professionnel du soin, de l'école ou de l'insertion qui a perdu le contact avec certains jeunes.",
                    periods: [(10, 48), (60, 180)],
                    halfDays: 4,
                    capacity: 1,
                    contents: "Tournée de rue avec deux éducateurs, permanence au local, réunion d'équipe, rencontre avec un partenaire du quartier.",
                    documents: ["Projet du service de prévention spécialisée"],
                    conditions:
                        secrecy + " Le professionnel accueilli est présenté aux jeunes et n'intervient pas ; "
                        + "l'équipe peut écourter une tournée selon la situation du quartier.",
                    effectsHost: "Faire connaître les principes du travail de rue : le jeune choisit d'être accompagné et peut rester anonyme.",
                    effectsVisitor: "Comprendre comment on crée un lien avec un jeune qui ne demande rien."
                ),
                OfferSeed(
                    establishment: "Chantiers éducatifs",
                    commune: "Marsillargues",
                    missions:
                        "Chantiers rémunérés de quelques jours pour des jeunes de 16 à 25 ans (peinture, espaces verts) avec une commune "
                        + "ou un bailleur social : un premier pas vers l'emploi.",
                    jobs: "Encadrante technique de chantier, éducateur spécialisé.",
                    observer:
                        "Conseiller en insertion, éducateur de l'Aide sociale à l'enfance ou de la Protection judiciaire de la jeunesse, "
                        + "professeur de lycée professionnel.",
                    periods: [(20, 110)],
                    halfDays: 2,
                    capacity: 1,
                    contents: "Journée sur un chantier avec l'encadrante technique et un groupe de jeunes, bilan du chantier avec l'équipe.",
                    documents: [],
                    conditions: secrecy + " Tenue de travail conseillée.",
                    effectsHost: "Trouver avec les partenaires des suites aux chantiers : formation, emploi, Mission locale.",
                    effectsVisitor: "Voir comment une mise en situation de travail redonne confiance à un jeune."
                ),
            ],
            demands: [
                demand(
                    name: "Marion Coste",
                    job: "Éducatrice spécialisée",
                    structure: "Équipe de prévention spécialisée de Lunel",
                    sectors: [.judiciaire],
                    missions:
                        "Découvrir le suivi en milieu ouvert de la Protection judiciaire de la jeunesse (PJJ) "
                        + "et ses liens avec les éducateurs de rue.",
                    from: 42,
                    to: 110,
                    halfDays: 4,
                    objective: "Mieux accompagner, avec leur accord, les jeunes suivis à la fois par la justice et par la prévention."
                )
            ],
            people: [
                Person(name: "Yassine Amrani", job: "Éducateur spécialisé"),
                Person(name: "Marion Coste", job: "Éducatrice spécialisée"),
                Person(name: "Djibril Sow", job: "Moniteur-éducateur"),
                Person(name: "Céline Barthe", job: "Encadrante technique de chantier éducatif"),
                Person(name: "Alexandre Petit", job: "Éducateur spécialisé"),
            ]
        ),
        Structure(
            directory: "centre-social-frontignan",
            name: "Centre social L'Escale",
            article: .le,
            sector: .socioEducatif,
            subType: "Centre social agréé par la caisse d'allocations familiales (CAF), association",
            commune: "Frontignan",
            description:
                "Lieu d'accueil et d'activités pour les habitants de tous âges, avec un secteur jeunes, "
                + "un accompagnement à la scolarité et un espace familles.",
            contact: Contact(
                name: "Sylvie Antoine",
                role: "Directrice",
                email: "accueil@cs-lescale.example",
                phone: "04 67 18 00 00"
            ),
            offers: [
                OfferSeed(
                    establishment: "Secteur jeunes et accompagnement à la scolarité",
                    commune: "Frontignan",
                    missions:
                        "Accueil des 11-17 ans, aide aux devoirs après les cours, sorties et projets de jeunes, lien avec le collège et les parents.",
                    jobs: "Animateurs jeunesse, coordinateur du secteur jeunes, bénévoles de l'accompagnement à la scolarité.",
                    observer: "Enseignant, conseiller principal d'éducation, éducateur ou soignant qui veut connaître les ressources d'un quartier.",
                    periods: [(0, 41), (53, 160)],
                    halfDays: 4,
                    capacity: 2,
                    contents:
                        "Séance d'accompagnement à la scolarité, accueil jeunes du mercredi, réunion d'équipe, rencontre avec la référente familles.",
                    documents: ["Projet social du centre", "Programme des activités jeunes"],
                    conditions: secrecy,
                    effectsHost: "Être repéré par les établissements et les services comme un relais de proximité.",
                    effectsVisitor: "Savoir ce qu'un centre social peut proposer aux jeunes et à leurs parents."
                ),
                OfferSeed(
                    establishment: "Espace familles",
                    commune: "Frontignan",
                    missions: "Accueil des parents, groupes de parole, ateliers parents-adolescents, aide aux démarches administratives et en ligne.",
                    jobs: "Référente familles, conseillère en économie sociale et familiale.",
                    observer: "Professionnel d'une maison des adolescents, d'un service de soin ou de la justice qui travaille avec les parents.",
                    periods: [(14, 120)],
                    halfDays: 2,
                    capacity: 1,
                    contents: "Groupe de parole de parents, permanence d'aide aux démarches.",
                    documents: [],
                    conditions: secrecy + " Présence au groupe de parole seulement avec l'accord des parents présents.",
                    effectsHost: "Mieux orienter les parents inquiets pour leur adolescent.",
                    effectsVisitor: "Comprendre comment un lieu de proximité soutient les parents."
                ),
            ],
            demands: [],
            people: [
                Person(name: "Kenza Hamidi", job: "Animatrice jeunesse"),
                Person(name: "Nicolas Bousquet", job: "Coordinateur du secteur jeunes"),
                Person(name: "Béatrice Lefèvre", job: "Référente familles"),
                Person(name: "Tiago Martins", job: "Animateur de l'accompagnement à la scolarité"),
                Person(name: "Jeanne Oliva", job: "Conseillère en économie sociale et familiale"),
            ]
        ),
    ]
}
