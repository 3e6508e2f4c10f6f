import Exchange
import Foundation
import Records
import Storage
import TestSupport
import Workflow

/// A real hub and two partner nodes over mutual TLS: A (Mission locale, the visitor's side)
/// and B (CMP, the host), each with its accounts, both with a published offer.
public struct Pair: Sendable {
    public let network: TestNetwork
    public let a: OpenNode
    public let b: OpenNode
    public let visitor = Actor(name: "Karim Benali", email: "karim.benali@ml-lodeve.example", role: .professionnel)
    public let colleague = Actor(name: "Inès Roux", email: "ines.roux@ml-lodeve.example", role: .professionnel)
    public let referentA = Actor(name: "Sophie Garnier", email: "sophie.garnier@ml-lodeve.example", role: .referent)
    public let referentB = Actor(name: "Claire Martin", email: "claire.martin@ch-beziers.example", role: .referent)
    public let professionalB = Actor(name: "Paul Vidal", email: "paul.vidal@ch-beziers.example", role: .professionnel)

    public static func start(offerAtA: Bool = true) async throws -> Pair {
        let network = try await TestNetwork.start(label: "workflow")
        do {
            let a = try await network.addNode("Mission locale Centre Hérault", sector: .informationOrientation)
            let b = try await network.addNode("CMP infanto-juvénile de Béziers", sector: .sanitaire)
            try b.addOffer(commune: "Béziers", now: Pair.date("2026-12-01"))
            if offerAtA { try a.addOffer(commune: "Lodève", now: Pair.date("2026-12-01")) }
            let pair = Pair(network: network, a: a, b: b)
            for (node, actor) in [(a, pair.visitor), (a, pair.colleague), (a, pair.referentA), (b, pair.referentB), (b, pair.professionalB)] {
                _ = try node.accounts.add(email: actor.email, name: actor.name, role: actor.role, passwordHash: "not-used")
            }
            try await network.syncAll([a, b])
            return pair
        } catch {
            // Its HTTP clients must be shut down before they go: a setup that failed (a sync that
            // timed out on a loaded machine) fails its test instead of crashing the whole run.
            await network.shutdown()
            throw error
        }
    }

    public static func day(_ text: String) -> Day { Day(text)! }
    public static func date(_ text: String, hour: Int = 10) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day(text).daysSinceEpoch * 86_400 + hour * 3600))
    }

    public var offerOfB: String { get throws { try b.store.currentRecords(type: .offer, origin: b.structureID).first!.record } }

    /// The request of the visitor (or `actor`) for 8–10 March 2027, written on 15 January 2027.
    public func request(period: Period = Period(from: Pair.day("2027-03-08"), to: Pair.day("2027-03-10")), by actor: Actor? = nil) throws -> String {
        try ImmersionDesk(node: a).request(
            offer: offerOfB,
            by: actor ?? visitor,
            job: "Conseiller en insertion",
            experience: "8 ans en Mission locale",
            period: period,
            objective: "Comprendre quand orienter vers le CMP",
            practisingProfessional: true,
            today: Pair.day("2027-01-15"),
            now: Pair.date("2027-01-15")
        )
    }

    public static let terms = AcceptanceTerms(
        period: Period(from: day("2027-03-08"), to: day("2027-03-10")),
        hours: "9 h – 17 h",
        places: "CMP, 12 avenue Foch, Béziers",
        programme: "Réunion clinique, premier accueil infirmier."
    )

    public func sync() async throws { try await network.syncAll([a, b]) }

    public func state(_ id: String, on node: OpenNode, today: String) throws -> ImmersionState? {
        try ImmersionBook(node: node).immersion(id)?.state(today: Pair.day(today))
    }
}

/// A stand-in for sendmail: a script that stores each message it is given, one file per call.
public struct StandInSendmail: Sendable {
    public let directory: URL
    public let script: URL

    public init() throws {
        directory = TestPaths.temporaryDirectory("sendmail")
        script = directory.appendingPathComponent("sendmail.sh")
        let outbox = directory.appendingPathComponent("outbox").path
        try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
        try "#!/bin/sh\ncat > \"\(outbox)/$(date +%s%N).eml\"\necho \"$@\" > \"\(directory.path)/arguments\"\n".write(
            to: script,
            atomically: true,
            encoding: .utf8
        )
        chmod(script.path, 0o755)
    }

    public var messages: [String] {
        let outbox = directory.appendingPathComponent("outbox")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: outbox.path).sorted()) ?? []
        return files.compactMap { try? String(contentsOf: outbox.appendingPathComponent($0), encoding: .utf8) }
    }

    public var arguments: String { (try? String(contentsOf: directory.appendingPathComponent("arguments"), encoding: .utf8)) ?? "" }
}

/// Runs `body` with a started pair of nodes and their hub, shut down when `body` ends.
public func withPair<T>(offerAtA: Bool = true, _ body: (Pair) async throws -> T) async throws -> T {
    let pair = try await Pair.start(offerAtA: offerAtA)
    do {
        let result = try await body(pair)
        await pair.network.shutdown()
        return result
    } catch {
        await pair.network.shutdown()
        throw error
    }
}
