import Records

extension DemoData {
    /// The four structures the demo has always had, first so that their sites keep their ports.
    static let founding: [Structure] = [
        Structure(
            directory: "cmp-beziers",
            name: "CMP infanto-juvénile de Béziers",
            article: .le,
            sector: .sanitaire,
            subType: "Centre médico-psychologique (CMP) infanto-juvénile, centre hospitalier",
            commune: "Béziers",
            description: "Consultations et soins psychiques ambulatoires pour les enfants et adolescents de 0 à 18 ans.",
            contact: Contact(name: "Claire Martin", role: "Cadre de santé", email: "claire.martin@ch-beziers.example", phone: "04 67 35 00 00"),
            offers: [
                OfferSeed(
                    establishment: "CMP infanto-juvénile, avenue Foch",
                    commune: "Béziers",
                    missions:
                        "Premier accueil des demandes de soins psychiques, évaluation pluridisciplinaire, consultations et suivis, lien avec l'Éducation nationale et l'Aide sociale à l'enfance (ASE).",
                    jobs: "Infirmier·e, psychologue, pédopsychiatre, assistante sociale, secrétaire d'accueil.",
                    observer:
                        "Professionnel de terrain en exercice qui oriente des adolescents vers le soin : éducateur, conseiller principal d'éducation, conseiller en insertion.",
                    periods: [(7, 53), (70, 116)],
                    halfDays: 5,
                    capacity: 2,
                    contents: "Réunion clinique du mardi, premier accueil infirmier, réunion de synthèse avec un collège partenaire.",
                    documents: ["Livret d'accueil du CMP", "Schéma du parcours de soins"],
                    conditions: secrecy,
                    effectsHost: "Faire connaître les critères d'orientation et les délais réels de prise en charge.",
                    effectsVisitor: "Savoir quand et comment orienter un jeune vers le soin, et quoi dire à la famille."
                ),
                OfferSeed(
                    establishment: "Hôpital de jour pour adolescents",
                    commune: "Béziers",
                    missions:
                        "Soins à temps partiel pour adolescents en rupture scolaire liée à des troubles psychiques ; ateliers thérapeutiques ; scolarité adaptée.",
                    jobs: "Éducateur spécialisé, infirmier, enseignant spécialisé, ergothérapeute.",
                    observer: "Enseignant, éducateur de la Protection judiciaire de la jeunesse (PJJ) ou de l'ASE.",
                    periods: [(28, 86)],
                    halfDays: 4,
                    capacity: 1,
                    contents: "Participation à deux ateliers, temps de reprise d'équipe, rencontre avec l'enseignant détaché.",
                    documents: ["Projet de service"],
                    conditions: secrecy + " Présence aux ateliers selon l'accord des jeunes.",
                    effectsHost: "Préparer avec les partenaires le retour progressif des jeunes en classe.",
                    effectsVisitor: "Comprendre ce que recouvre un soin à temps partiel et ses effets sur la scolarité."
                ),
                OfferSeed(
                    establishment: "Maison des adolescents, antenne de Béziers",
                    commune: "Béziers",
                    missions: "Accueil généraliste sans rendez-vous des 11-25 ans et de leurs parents, écoute, orientation.",
                    jobs: "Accueillant, psychologue, infirmière, médiatrice familiale.",
                    observer: "Agent d'accueil, animateur, professionnel d'un centre social.",
                    periods: [(0, 177)],
                    halfDays: 2,
                    capacity: 2,
                    contents: "Temps d'accueil collectif, permanence d'écoute, réunion d'équipe hebdomadaire.",
                    documents: ["Plaquette de la maison des adolescents"],
                    conditions: secrecy,
                    effectsHost: "Être mieux identifiée comme lieu ressource par les structures d'animation.",
                    effectsVisitor: "Repérer les signes de mal-être et savoir vers qui orienter."
                ),
            ],
            demands: [
                demand(
                    name: "Sophie Ribes",
                    job: "Infirmière",
                    structure: "CMP infanto-juvénile de Béziers",
                    sectors: [.judiciaire],
                    missions: "Découvrir le travail d'un service de milieu ouvert de la Protection judiciaire de la jeunesse.",
                    from: 56,
                    to: 116,
                    halfDays: 4,
                    objective: "Mieux coordonner les soins des jeunes suivis au pénal."
                )
            ],
            people: [
                Person(name: "Thomas Vidal", job: "Infirmier"),
                Person(name: "Léa Fabre", job: "Psychologue"),
                Person(name: "Samir Haddad", job: "Pédopsychiatre"),
                Person(name: "Émilie Castel", job: "Assistante sociale"),
                Person(name: "Fatou Diallo", job: "Secrétaire médicale"),
            ]
        ),
        Structure(
            directory: "college-sete",
            name: "Collège Jean Moulin de Sète",
            article: .le,
            sector: .educatif,
            subType: "Collège public, Éducation nationale",
            commune: "Sète",
            description: "Collège de 650 élèves, avec une unité localisée pour l'inclusion scolaire (ULIS).",
            contact: Contact(
                name: "Marc Aubert",
                role: "Conseiller principal d'éducation",
                email: "cpe.jeanmoulin@ac-montpellier.example",
                phone: "04 67 53 00 00"
            ),
            offers: [
                OfferSeed(
                    establishment: "Vie scolaire du collège",
                    commune: "Sète",
                    missions: "Suivi de l'assiduité, prévention du décrochage, gestion des conflits, lien avec les familles.",
                    jobs: "Conseiller principal d'éducation, assistants d'éducation, infirmière scolaire, assistante sociale scolaire.",
                    observer: "Éducateur de prévention, professionnel du soin ou de l'insertion travaillant avec des collégiens.",
                    periods: [(7, 32), (63, 95)],
                    halfDays: 4,
                    capacity: 2,
                    contents: "Commission éducative, groupe de prévention du décrochage scolaire, permanence de la vie scolaire.",
                    documents: ["Règlement intérieur", "Protocole de lutte contre le harcèlement"],
                    conditions: secrecy,
                    effectsHost: "Mieux connaître les relais extérieurs pour les élèves en difficulté.",
                    effectsVisitor: "Comprendre l'organisation d'un établissement et ses contraintes horaires."
                ),
                OfferSeed(
                    establishment: "Unité localisée pour l'inclusion scolaire (ULIS)",
                    commune: "Sète",
                    missions: "Scolarisation d'élèves en situation de handicap, inclusion dans les classes, lien avec les services médico-sociaux.",
                    jobs: "Enseignante coordinatrice, accompagnants d'élèves en situation de handicap (AESH).",
                    observer: "Professionnel médico-social (IME, SESSAD) ou du soin.",
                    periods: [(28, 74)],
                    halfDays: 3,
                    capacity: 1,
                    contents: "Temps en classe ULIS, temps d'inclusion, équipe de suivi de la scolarisation.",
                    documents: ["Projet de l'ULIS"],
                    conditions: secrecy,
                    effectsHost: "Construire des projets d'inclusion avec les services de soin.",
                    effectsVisitor: "Voir concrètement ce que l'école peut adapter."
                ),
                OfferSeed(
                    establishment: "Service de santé scolaire du bassin",
                    commune: "Frontignan",
                    missions: "Bilans de santé, écoute des élèves, prévention des conduites à risque, protocoles d'urgence.",
                    jobs: "Infirmière scolaire, médecin scolaire.",
                    observer: "Infirmier ou psychologue du secteur sanitaire, animateur de prévention.",
                    periods: [(14, 144)],
                    halfDays: 2,
                    capacity: 1,
                    contents: "Permanence infirmière, action de prévention en classe de 4e.",
                    documents: [],
                    conditions: secrecy,
                    effectsHost: "Fluidifier les orientations vers les consultations jeunes.",
                    effectsVisitor: "Comprendre le rôle et les limites de la santé scolaire."
                ),
            ],
            demands: [
                demand(
                    name: "Marc Aubert",
                    job: "Conseiller principal d'éducation",
                    structure: "Collège Jean Moulin de Sète",
                    sectors: [.sanitaire, .medicoSocial],
                    missions: "Voir comment un CMP accueille une demande et ce qu'il attend de l'école.",
                    from: 7,
                    to: 53,
                    halfDays: 4,
                    objective: "Orienter plus tôt et mieux les élèves en souffrance."
                )
            ],
            people: [
                Person(name: "Hélène Roussel", job: "Conseillère principale d'éducation"),
                Person(name: "Camille Ferrand", job: "Professeure de lettres, professeure principale de 4e"),
                Person(name: "Yasmina Chérif", job: "Infirmière scolaire"),
                Person(name: "Nathalie Puech", job: "Assistante sociale scolaire"),
                Person(name: "Kevin Nguyen", job: "Accompagnant d'élèves en situation de handicap (AESH)"),
            ]
        ),
        Structure(
            directory: "uemo-montpellier",
            name: "UEMO de Montpellier — PJJ",
            article: .elided,
            sector: .judiciaire,
            subType: "Protection judiciaire de la jeunesse (PJJ), unité éducative de milieu ouvert (UEMO)",
            commune: "Montpellier",
            description: "Suivi éducatif des mineurs sous mesure judiciaire, au pénal et en assistance éducative.",
            contact: Contact(
                name: "Karim Benali",
                role: "Responsable d'unité éducative",
                email: "uemo-montpellier@justice.example",
                phone: "04 67 10 00 00"
            ),
            offers: [
                OfferSeed(
                    establishment: "UEMO Montpellier Est",
                    commune: "Montpellier",
                    missions: "Mesures éducatives judiciaires, investigation, accompagnement des mineurs et de leurs familles, audiences.",
                    jobs: "Éducateur PJJ, psychologue, assistant de service social, responsable d'unité.",
                    observer: "Professionnel du soin, de l'éducation ou de l'insertion qui accompagne des adolescents suivis par la justice.",
                    periods: [(42, 102)],
                    halfDays: 6,
                    capacity: 1,
                    contents: "Réunion de service, entretien éducatif (avec accord), préparation d'une audience au tribunal pour enfants.",
                    documents: ["Présentation de la PJJ", "Glossaire des mesures judiciaires"],
                    conditions: secrecy + " Présence aux entretiens uniquement avec l'accord du jeune et de sa famille.",
                    effectsHost: "Faire tomber les idées reçues sur la justice des mineurs.",
                    effectsVisitor: "Comprendre le cadre judiciaire, ses temps et ce qu'il attend des partenaires."
                ),
                OfferSeed(
                    establishment: "Centre éducatif renforcé (CER), secteur associatif habilité",
                    commune: "Lodève",
                    missions: "Prise en charge éducative intensive de mineurs placés, activités de rupture, préparation de la sortie.",
                    jobs: "Éducateur, maîtresse de maison, chef de service.",
                    observer: "Éducateur de l'ASE, enseignant, conseiller de Mission locale.",
                    periods: [(56, 144)],
                    halfDays: 6,
                    capacity: 1,
                    contents: "Journée d'activité avec le groupe, réunion d'équipe, travail sur le projet de sortie.",
                    documents: ["Projet d'établissement du CER"],
                    conditions: secrecy + " Hébergement possible sur place.",
                    effectsHost: "Préparer les relais de sortie avec l'insertion et la scolarité.",
                    effectsVisitor: "Voir le quotidien d'un placement judiciaire."
                ),
                OfferSeed(
                    establishment: "Permanence éducative auprès du tribunal",
                    commune: "Montpellier",
                    missions: "Accueil des mineurs déférés, recueil de renseignements socio-éducatifs, propositions au magistrat.",
                    jobs: "Éducateur PJJ de permanence.",
                    observer: "Professionnel de l'ASE ou d'un service social départemental.",
                    periods: [(7, 172)],
                    halfDays: 2,
                    capacity: 1,
                    contents: "Demi-journées de permanence, échange avec un juge des enfants si possible.",
                    documents: [],
                    conditions: secrecy,
                    effectsHost: "Mieux articuler protection de l'enfance et pénal.",
                    effectsVisitor: "Comprendre l'urgence judiciaire."
                ),
            ],
            demands: [
                demand(
                    name: "Karim Benali",
                    job: "Éducateur PJJ",
                    structure: "UEMO de Montpellier — PJJ",
                    sectors: [.informationOrientation, .educatif],
                    missions: "Découvrir l'accompagnement vers l'emploi et la formation des 16-25 ans.",
                    from: 87,
                    to: 147,
                    halfDays: 4,
                    objective: "Préparer les fins de mesure vers un projet d'insertion."
                ),
                demand(
                    name: "Julie Martin",
                    job: "Éducatrice PJJ",
                    structure: "UEMO de Montpellier — PJJ",
                    sectors: [.educatif],
                    missions: "Découvrir la vie scolaire d'un collège : assiduité, commission éducative, lien avec les familles.",
                    from: 87,
                    to: 144,
                    halfDays: 4,
                    objective: "Mieux préparer le retour au collège des jeunes suivis."
                ),
            ],
            people: [
                Person(name: "Julien Roux", job: "Éducateur PJJ"),
                Person(name: "Mélanie Ortiz", job: "Éducatrice PJJ"),
                Person(name: "Antoine Leroy", job: "Psychologue"),
                Person(name: "Naïma Bouzid", job: "Assistante de service social"),
                Person(name: "Vincent Marty", job: "Responsable d'unité éducative"),
            ]
        ),
        Structure(
            directory: "mission-locale-lodeve",
            name: "Mission locale Centre Hérault",
            article: .la,
            sector: .informationOrientation,
            subType: "Mission locale d'insertion des 16-25 ans",
            commune: "Lodève",
            description: "Accompagnement des jeunes de 16 à 25 ans vers l'emploi, la formation, le logement et la santé.",
            contact: Contact(
                name: "Nadia Kessler",
                role: "Conseillère en insertion professionnelle",
                email: "n.kessler@ml-centreherault.example",
                phone: "04 67 44 00 00"
            ),
            offers: [
                OfferSeed(
                    establishment: "Mission locale, antenne de Lodève",
                    commune: "Lodève",
                    missions: "Accueil, diagnostic, accompagnement individuel, Contrat d'engagement jeune, lien avec les employeurs.",
                    jobs: "Conseiller en insertion, chargée d'accueil, chargé de relation entreprises.",
                    observer: "Éducateur (PJJ, ASE, prévention), enseignant de lycée professionnel.",
                    periods: [(14, 81), (98, 158)],
                    halfDays: 4,
                    capacity: 2,
                    contents: "Premier accueil, entretien de suivi, atelier collectif, commission d'attribution d'aides.",
                    documents: ["Offre de service de la Mission locale"],
                    conditions: secrecy,
                    effectsHost: "Être sollicitée plus tôt par les éducateurs.",
                    effectsVisitor: "Connaître les dispositifs d'insertion et leurs conditions d'accès."
                ),
                OfferSeed(
                    establishment: "Point information jeunesse",
                    commune: "Clermont-l'Hérault",
                    missions: "Information sur les métiers, la mobilité, le logement ; accompagnement aux démarches en ligne.",
                    jobs: "Informatrice jeunesse.",
                    observer: "Agent d'accueil, animateur, professionnel d'un centre social.",
                    periods: [(28, 177)],
                    halfDays: 2,
                    capacity: 2,
                    contents: "Permanence d'accueil, atelier découverte des métiers.",
                    documents: [],
                    conditions: secrecy,
                    effectsHost: "Faire connaître l'information jeunesse aux structures d'animation.",
                    effectsVisitor: "Savoir où trouver l'information fiable pour les jeunes."
                ),
                OfferSeed(
                    establishment: "Centre d'information et d'orientation (CIO)",
                    commune: "Lunel",
                    missions: "Entretiens d'orientation scolaire et professionnelle, bilans, accueil des jeunes sans solution.",
                    jobs: "Psychologue de l'Éducation nationale, directrice de CIO.",
                    observer: "Éducateur, conseiller en insertion, professionnel du soin.",
                    periods: [(7, 88)],
                    halfDays: 3,
                    capacity: 1,
                    contents: "Entretiens d'orientation, réunion de la plateforme de suivi du décrochage.",
                    documents: ["Plaquette du CIO"],
                    conditions: secrecy,
                    effectsHost: "Mieux repérer les jeunes sortis du système scolaire sans diplôme.",
                    effectsVisitor: "Comprendre les procédures d'orientation et d'affectation."
                ),
            ],
            demands: [
                demand(
                    name: "Nadia Kessler",
                    job: "Conseillère en insertion",
                    structure: "Mission locale Centre Hérault",
                    sectors: [.judiciaire, .social],
                    missions: "Comprendre un placement en foyer et les mesures de l'ASE.",
                    from: 28,
                    to: 86,
                    halfDays: 4,
                    objective: "Accompagner les jeunes majeurs sortant de l'ASE."
                )
            ],
            people: [
                Person(name: "Inès Garcia", job: "Conseillère en insertion professionnelle"),
                Person(name: "Mathieu Bonnet", job: "Conseiller en insertion professionnelle"),
                Person(name: "Sandrine Azaïs", job: "Chargée d'accueil"),
                Person(name: "Olivier Bertrand", job: "Chargé de relation entreprises"),
                Person(name: "Amina Touré", job: "Psychologue"),
            ]
        ),
    ]
}
