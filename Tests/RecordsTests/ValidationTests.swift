import TestSupport
import Testing

@testable import Records

@Suite("Record validation")
struct ValidationTests {
    func issues(_ json: JSONValue) -> [ValidationIssue] {
        do {
            _ = try Offer.validated(json)
            return []
        } catch {
            return error.issues
        }
    }

    @Test func completeOfferIsValidAndRoundTrips() throws {
        let offer = try Offer.validated(Samples.offerJSON())
        #expect(offer.durationHalfDays == 5)
        #expect(offer.contact.email == "claire.martin@ch-beziers.example")
        let again = try Offer.validated(JSONParser.parse(offer.canonicalBytes()))
        #expect(again == offer)
    }

    /// Every field of the form, removed in turn, is reported by name.
    @Test(arguments: [
        "hostStructure", "establishment", "commune", "observableMissions", "observableJobProfiles", "observerProfile",
        "possiblePeriods", "durationHalfDays", "capacity", "proposedContents", "contact", "expectedEffectsHost",
        "expectedEffectsVisitor", "writtenBy", "writtenOn", "status",
    ])
    func missingRequiredFieldIsNamed(_ key: String) {
        let found = issues(Samples.offer(removing: [key]))
        #expect(found == [ValidationIssue(field: key, message: "champ obligatoire manquant.")])
    }

    @Test func optionalFieldsMayBeOmitted() throws {
        let offer = try Offer.validated(Samples.offer(removing: ["specialConditions", "supportingDocuments"]))
        #expect(offer.specialConditions == "")
        #expect(offer.supportingDocuments == [])
    }

    @Test(arguments: [
        ("durationHalfDays", JSONValue.integer(0), "doit être compris entre 1 et 10 demi-journées (reçu : 0)."),
        ("durationHalfDays", .integer(11), "doit être compris entre 1 et 10 demi-journées (reçu : 11)."),
        ("durationHalfDays", .string("4"), "écrivez un nombre entier (demi-journées), en chiffres."),
        ("capacity", .integer(0), "doit être compris entre 1 et 20 personnes (reçu : 0)."),
        ("capacity", .bool(true), "doit être un nombre entier (personnes), pas un booléen."),
        ("status", .string("online"), "valeur « online » inconnue ; valeurs possibles : draft, published, paused, archived."),
        ("hostStructure", .string("   "), "ne doit pas être vide."),
        ("hostStructure", .integer(3), "doit être un texte, pas un nombre entier."),
        ("establishment", .string("Ligne 1\nLigne 2"), "doit tenir sur une seule ligne."),
        ("writtenOn", .string("2027-02-30"), "date invalide « 2027-02-30 » : écrire AAAA-MM-JJ, par exemple 2027-03-15."),
        ("writtenOn", .string("1927-02-03"), "année 1927 peu plausible : vérifier la date."),
        ("possiblePeriods", .array([]), "indiquez au moins une période."),
        ("possiblePeriods", .string("mars"), "doit être une liste, pas un texte."),
        ("supportingDocuments", .array([.integer(1)]), "doit être un texte, pas un nombre entier."),
        ("contact", .string("Claire"), "doit être un objet JSON, pas un texte."),
    ])
    func wrongValueIsExplainedInFrench(_ key: String, _ value: JSONValue, _ message: String) {
        let found = issues(Samples.offer([key: value]))
        #expect(
            found.contains(ValidationIssue(field: key == "supportingDocuments" ? "supportingDocuments[0]" : key, message: message)),
            "\(found)"
        )
    }

    @Test func tooLongTextIsRefused() {
        let found = issues(Samples.offer(["observableMissions": .string(String(repeating: "a", count: 4001))]))
        #expect(found == [ValidationIssue(field: "observableMissions", message: "trop long : 4001 caractères pour 4000 au plus.")])
    }

    @Test func periodRulesAreChecked() {
        let reversed = issues(Samples.offer(["possiblePeriods": .array([.object(["from": .string("2027-03-10"), "to": .string("2027-03-01")])])]))
        #expect(
            reversed == [
                ValidationIssue(field: "possiblePeriods[0].to", message: "la fin de la période (1er mars 2027) précède son début (10 mars 2027).")
            ]
        )
        let tooShort = issues(Samples.offer(["possiblePeriods": .array([.object(["from": .string("2027-03-10"), "to": .string("2027-03-10")])])]))
        #expect(tooShort.map(\.field) == ["possiblePeriods[0]"])
        let unknownKey = issues(
            Samples.offer(["possiblePeriods": .array([.object(["from": .string("2027-03-01"), "to": .string("2027-03-31"), "until": .string("x")])])])
        )
        #expect(unknownKey.map(\.field) == ["possiblePeriods[0].until"])
        let tooLong = issues(Samples.offer(["possiblePeriods": .array([.object(["from": .string("2027-01-01"), "to": .string("2028-06-01")])])]))
        #expect(tooLong.map(\.field) == ["possiblePeriods[0].to"])
    }

    @Test func contactChecksEmailAndPhone() {
        let found = issues(
            Samples.offer([
                "contact": .object([
                    "name": .string("A"), "role": .string("B"), "email": .string("pas-une-adresse"),
                    "phone": .string("12"),
                ])
            ])
        )
        #expect(found.map(\.field) == ["contact.email", "contact.phone"])
    }

    @Test func unknownFieldsAreRefused() {
        let found = issues(Samples.offer(["titre": .string("x")]))
        #expect(found == [ValidationIssue(field: "titre", message: "champ inconnu : il ne fait pas partie de ce type de fiche.")])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let found = issues(Samples.offer(["durationHalfDays": .integer(0), "capacity": .integer(99)], removing: ["writtenBy"]))
        #expect(Set(found.map(\.field)) == ["durationHalfDays", "capacity", "writtenBy"])
    }

    @Test func textIsTrimmedAndNormalizedToNFC() throws {
        let offer = try Offer.validated(Samples.offer(["commune": .string("  Se\u{0300}te ")]))
        #expect(Array(offer.commune.unicodeScalars) == Array("S\u{e8}te".unicodeScalars))
    }

    @Test func demandIsValidated() throws {
        let demand = try Demand.validated(Samples.demandJSON())
        #expect(demand.sectors == [.sanitaire, .educatif])
        guard case .object(var o) = Samples.demandJSON() else { return }
        o["sectors"] = .array([.string("police")])
        o["requester"] = .object(["name": .string("K")])
        #expect(throws: ValidationError.self) { try Demand.validated(.object(o)) }
        do { _ = try Demand.validated(.object(o)) } catch {
            #expect(Set(error.issues.map(\.field)) == ["sectors[0]", "requester.job", "requester.structure"])
        }
    }

    @Test func profileChecksSectorAndKeys() {
        let json: JSONValue = .object(["name": .string("X"), "sector": .string("police"), "signingKey": .string("abc"), "encryptionKey": .string("")])
        do {
            _ = try StructureProfile.validated(json)
            Issue.record("accepted")
        } catch {
            #expect(Set(error.issues.map(\.field)) == ["sector", "signingKey", "encryptionKey"])
        }
    }

    @Test func malformedFileIsReported() {
        #expect(throws: ValidationError.self) { try Offer.validated(jsonText: #"{"durationHalfDays": 4.5}"#) }
        do { _ = try Offer.validated(jsonText: #"{"durationHalfDays": 4.5}"#) } catch {
            #expect(error.issues.first?.message.contains("Nombre décimal interdit") == true)
        }
    }
}
