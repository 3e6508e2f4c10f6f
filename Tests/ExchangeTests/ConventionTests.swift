import Testing

@testable import Exchange
@testable import Records

@Suite("Convention versions")
struct ConventionTests {
    static let base = Convention(
        visitor: .init(
            name: "Karim Benali",
            role: "Éducateur PJJ",
            structure: "UEMO de Montpellier",
            email: "k.benali@justice.example",
            phone: "04 67 10 00 00"
        ),
        employer: .init(name: "Anne Roux", role: "Responsable d'unité", structure: "UEMO de Montpellier"),
        host: .init(name: "Claire Martin", role: "Cadre de santé", structure: "CMP infanto-juvénile de Béziers"),
        period: Period(from: Day("2027-03-08")!, to: Day("2027-03-10")!),
        hours: "9 h – 17 h",
        places: "CMP, avenue Foch, Béziers",
        programme: "Réunion clinique du mardi ; premier accueil infirmier."
    )

    @Test func aTypoInAPhoneNumberIsNotMaterial() {
        var edited = Self.base
        edited.visitor.phone = "04 67 10 00 01"
        #expect(edited.versionHash != Self.base.versionHash)
        #expect(edited.materialHash == Self.base.materialHash)
        #expect(edited.changes(since: Self.base).material.isEmpty)
        #expect(edited.changes(since: Self.base).other == ["les coordonnées"])
    }

    @Test(arguments: ["dates", "places", "parties", "principles", "hours", "programme"])
    func materialChangesAreNamed(_ what: String) {
        var edited = Self.base
        switch what {
        case "dates": edited.period = Period(from: Day("2027-03-15")!, to: Day("2027-03-17")!)
        case "places": edited.places = "Hôpital de jour"
        case "parties": edited.host.name = "Paul Durand"
        case "principles": edited.principles += "\n6. Autre principe."
        case "hours": edited.hours = "8 h – 12 h"
        default: edited.programme = "Autre programme"
        }
        #expect(edited.materialHash != Self.base.materialHash)
        let expected = [
            "dates": "les dates", "places": "les lieux", "parties": "les parties", "principles": "les principes éthiques",
            "hours": "les horaires", "programme": "le programme",
        ][what]!
        #expect(edited.changes(since: Self.base).material == [expected])
    }

    @Test func theTextFillsEveryPlaceholder() {
        let text = Self.base.text()
        #expect(!text.contains("{{"))
        #expect(text.contains("du 8 mars 2027 au 10 mars 2027"))
        #expect(text.contains("Confidentialité et secret professionnel"))
        #expect(text.contains("Droit d'interrompre"))
        #expect(text.contains("ressources humaines"))
    }
}

@Suite("Convention records and the network's template")
struct ConventionRecordTests {
    @Test func aConventionVersionRoundTripsAndKeepsItsHashes() throws {
        let record = ImmersionConvention(request: "01a20000-0000-7000-8000-0000000000f1", convention: ConventionTests.base)
        let decoded = try ImmersionConvention.validated(JSONParser.parse(record.canonicalBytes()))
        #expect(decoded == record)
        #expect(decoded.convention.versionHash == ConventionTests.base.versionHash)
        var o = record.json.objectValue!
        o["signatures"] = .array([])
        #expect(throws: ValidationError.self, "unknown fields are refused") { try ImmersionConvention.validated(.object(o)) }
    }

    @Test func anotherTemplateIsAMaterialChange() {
        var other = ConventionTests.base
        other.template = ConventionTemplate.text + "\nAvenant."
        #expect(other.changes(since: ConventionTests.base).material == ["le texte de la convention"])
    }

    @Test func aTemplateMustKeepItsPlaceholders() throws {
        let good = ConventionTemplateRecord(title: "Modèle MDA 2027", text: ConventionTemplate.text, principles: ConventionTemplate.principles)
        #expect(try ConventionTemplateRecord.validated(good.json) == good)
        let lossy = ConventionTemplateRecord(title: "x", text: "Convention entre {{visiteur}} et {{accueil}}.", principles: "x")
        do {
            _ = try ConventionTemplateRecord.validated(lossy.json)
            Issue.record("accepted")
        } catch {
            #expect(error.issues.first?.message.contains("{{principes}}") == true)
        }
    }
}

@Suite("The shipped convention texts")
struct ShippedTextTests {
    /// The files under Sources/Exchange/Texts are hashed into every convention drawn from them:
    /// a change must be deliberate (these digests change with it).
    @Test func theTextFilesReadAsTheyWereWritten() {
        #expect(Digest.sha256Hex(Array(ConventionTemplate.text.utf8)) == "7a08ff690cd5bd13c8ed151b05bcca47f62090d095386490ac1c9e2b11804a35")
        #expect(Digest.sha256Hex(Array(ConventionTemplate.principles.utf8)) == "6c9c806225fd24e33c3d9427bb99feafcbb1b013ed3fba114d9bc2c755be328b")
        #expect(!ConventionTemplate.text.hasSuffix("\n"))
    }
}
