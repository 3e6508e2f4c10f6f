import Foundation
import Records

/// Shared helpers for the test targets: paths, temporary directories, sample records.
public enum TestPaths {
    /// The repository root, found from this file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func temporaryDirectory(_ label: String = "vmvp") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The built `vmvp` binary, beside the test bundle.
    public static var vmvpBinary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vmvp"),
            repositoryRoot.appendingPathComponent(".build/debug/vmvp"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }
}

public enum Samples {
    /// A complete "Fiche offre accueil" as staff would write it.
    public static func offerJSON(
        hostStructure: String = "Centre médico-psychologique infanto-juvénile de Béziers",
        commune: String = "Béziers",
        status: String = "published",
        missions: String = "Accueil et évaluation des demandes de soins psychiques des 0-18 ans ; lien avec l'Éducation nationale.",
        from: String = "2027-03-01",
        to: String = "2027-03-31"
    ) -> JSONValue {
        .object([
            "hostStructure": .string(hostStructure),
            "establishment": .string("CMP infanto-juvénile, 12 avenue Foch"),
            "commune": .string(commune),
            "observableMissions": .string(missions),
            "observableJobProfiles": .string("Infirmier·e, psychologue, pédopsychiatre, assistante sociale."),
            "observerProfile": .string("Professionnel de terrain en exercice travaillant avec des adolescents."),
            "possiblePeriods": .array([.object(["from": .string(from), "to": .string(to)])]),
            "durationHalfDays": .integer(5),
            "capacity": .integer(2),
            "proposedContents": .string("Réunion clinique du mardi, premier accueil infirmier, synthèse avec un collège."),
            "contact": .object([
                "name": .string("Claire Martin"), "role": .string("Cadre de santé"),
                "email": .string("claire.martin@ch-beziers.example"), "phone": .string("04 67 00 00 00"),
            ]),
            "supportingDocuments": .array([.string("Livret d'accueil du CMP")]),
            "specialConditions": .string("Engagement écrit au secret professionnel."),
            "expectedEffectsHost": .string("Mieux faire connaître les critères d'orientation vers le CMP."),
            "expectedEffectsVisitor": .string("Comprendre le parcours de soins et savoir quand orienter."),
            "writtenBy": .string("Claire Martin"),
            "writtenOn": .string("2026-11-20"),
            "status": .string(status),
        ])
    }

    /// The sample offer with some fields replaced and others removed.
    public static func offer(_ changes: [String: JSONValue] = [:], removing: [String] = []) -> JSONValue {
        guard case .object(var o) = offerJSON() else { fatalError("sample offer is an object") }
        for (key, value) in changes { o[key] = value }
        for key in removing { o[key] = nil }
        return .object(o)
    }

    public static func demandJSON() -> JSONValue {
        .object([
            "requester": .object(["name": .string("Karim Benali"), "job": .string("Éducateur PJJ"), "structure": .string("UEMO de Montpellier")]),
            "sectors": .array([.string("sanitaire"), .string("educatif")]),
            "missions": .string("Comprendre comment le CMP évalue une demande de soins."),
            "possiblePeriods": .array([.object(["from": .string("2027-04-01"), "to": .string("2027-04-30")])]),
            "durationHalfDays": .integer(4),
            "objective": .string("Mieux orienter les jeunes suivis vers le soin."),
            "status": .string("open"),
        ])
    }

    public static func profile(name: String = "CMP Béziers", sector: Sector = .sanitaire) -> StructureProfile {
        StructureProfile(
            name: name,
            sector: sector,
            subType: "CMP infanto-juvénile",
            establishments: [.init(name: name, commune: "Béziers")],
            signingKey: Base64.encode(SigningIdentity().publicKey),
            encryptionKey: Base64.encode(EncryptionIdentity().publicKey)
        )
    }
}
