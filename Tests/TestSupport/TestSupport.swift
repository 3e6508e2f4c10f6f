import Foundation
import Records

#if canImport(Glibc)
import Glibc
#endif

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

/// Free TCP ports on 127.0.0.1 for tests that start servers in other processes: the system
/// picks an unused port, and the following ones are checked free too (the demo and
/// `vmvp serve` use consecutive ports).
public enum FreePorts {
    public static func consecutive(_ count: Int) throws -> Int {
        for _ in 0..<100 {
            let base = try ephemeral()
            guard base + count < 65_000 else { continue }
            if (base..<base + count).allSatisfy(isFree) { return base }
        }
        throw FreePortsError()
    }

    struct FreePortsError: Error, CustomStringConvertible {
        var description: String { "no run of free consecutive ports on 127.0.0.1" }
    }

    /// A port the system considers unused right now.
    static func ephemeral() throws -> Int {
        guard let port = try withSocket({ fd, address in boundPort(fd, &address) }) else { throw FreePortsError() }
        return port
    }

    /// Runs `body` with a port of 127.0.0.1 that a listening socket holds meanwhile (a server
    /// asked to listen there fails).
    public static func held<T>(_ body: (Int) throws -> T) throws -> T {
        let outcome = try withSocket { fd, address -> Result<T, any Error>? in
            guard listen(fd, 1) == 0, let port = boundPort(fd, &address) else { return nil }
            return Result { try body(port) }
        }
        guard let outcome else { throw FreePortsError() }
        return try outcome.get()
    }

    static func boundPort(_ fd: Int32, _ address: inout sockaddr_in) -> Int? {
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        return named ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }

    static func isFree(_ port: Int) -> Bool {
        (try? withSocket(port: port) { _, _ in true }) == true
    }

    /// Binds a TCP socket on 127.0.0.1 (port 0: any), runs `body`, closes the socket.
    static func withSocket<T>(port: Int = 0, _ body: (Int32, inout sockaddr_in) -> T?) throws -> T? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FreePortsError() }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        return body(fd, &address)
    }
}
