import Exchange
import Foundation
import NetworkSupport
import Records
import Storage
import Testing
import Workflow

/// The right to erasure across the network: an erasure made on one node reaches the hub and the
/// other structure of the person's immersions, leaves no byte of the person in any database file,
/// keeps every log verifiable and leaves the MDA's counts as they were.
@Suite("Erasure across the network")
struct ErasureTests {
    /// The main database file and its WAL and shared-memory files.
    static func files(of node: OpenNode) throws -> [(name: String, bytes: Data)] {
        try ["", "-wal", "-shm"].compactMap { suffix in
            let path = node.database.path + suffix
            return FileManager.default.fileExists(atPath: path) ? (path, try Data(contentsOf: URL(fileURLWithPath: path))) : nil
        }
    }

    static func holders(of needle: String, in nodes: [(String, OpenNode)]) throws -> [String] {
        try nodes.flatMap { label, node in
            try files(of: node).filter { $0.bytes.range(of: Data(needle.utf8)) != nil }.map { "\(label): \($0.name)" }
        }
    }

    static func verifyFaults(_ node: OpenNode, complete: Set<String>?) throws -> (faults: [LogFault], erasures: Int) {
        let envelopes = try node.store.envelopes()
        var verifier = LogVerifier()
        verifier.learnKeys(from: envelopes)
        let erased = LogVerifier.erasures(in: envelopes)
        return (verifier.verify(envelopes, completeOrigins: complete) + erased.faults, erased.erasures.count)
    }

    @Test func anErasureOnOneNodeLeavesNoTraceInAnyDatabaseAfterSyncAndEveryLogStillVerifies() async throws {
        try await withPair { pair in
            let (a, b, hub) = (pair.a, pair.b, pair.network.hub)
            let erased = try await pair.completedImmersion()
            // A colleague's immersion at the same host, and the visitor's published demand.
            let kept = try pair.request(by: pair.colleague)
            let demand = Demand(
                requesterName: pair.visitor.name,
                requesterJob: "Conseiller en insertion",
                requesterStructure: "Mission locale Centre Hérault",
                sectors: [.sanitaire],
                missions: "Le soin psychique des adolescents",
                possiblePeriods: [Period(from: Pair.day("2027-04-01"), to: Pair.day("2027-06-30"))],
                durationHalfDays: 4,
                objective: "Mieux orienter"
            )
            try a.store.append(demand, as: a.author, now: Pair.date("2027-01-20"))
            try await pair.sync()
            let nodes = [("hub", hub), ("A", a), ("B", b)]
            // The ciphertexts of the erased immersion as every holder has them (a distinctive slice of each).
            let sealedSlices = try hub.store.envelopes().compactMap { envelope -> String? in
                guard envelope.header.visibility == .parties, RedactionResidue.metadata(of: envelope.body)?.disclosed?.thread == erased,
                    case .object(let o)? = try? envelope.bodyJSON(), let text = o["ciphertext"]?.stringValue
                else { return nil }
                return String(text.prefix(48))
            }
            #expect(sealedSlices.count >= 7)  // request, answer, convention, 3 signatures, 2 evaluations
            #expect(!(try Self.holders(of: pair.visitor.name, in: nodes)).isEmpty)
            let today = Pair.day("2027-03-20")
            let before = try Dashboard(node: hub, today: today, now: Pair.date("2027-03-20"))

            let erasure = try PersonErasure(node: a, email: pair.visitor.email)
            #expect(erasure.immersions == [erased] && erasure.demands == 1 && erasure.hasAccount)
            try erasure.erase(node: a, actor: "test", now: Pair.date("2027-03-20"))
            // A pushes its redaction; B pulls it, follows and pushes its own in the same round; A pulls that.
            try await pair.sync()
            try await pair.sync()

            for needle in [pair.visitor.name, pair.visitor.email] + sealedSlices {
                #expect(try Self.holders(of: needle, in: nodes) == [], "« \(needle) » still found")
            }
            #expect(try ImmersionBook(node: a).immersion(erased) == nil)
            #expect(try ImmersionBook(node: b).immersion(erased) == nil)
            #expect(try ImmersionBook(node: a).immersion(kept) != nil)
            #expect(try ImmersionBook(node: b).immersion(kept) != nil)
            #expect(try a.accounts.account(email: pair.colleague.email) != nil)
            #expect(try a.accounts.account(email: pair.visitor.email) == nil)
            #expect(!(try b.store.currentRecords(type: Redaction.recordType, origin: b.structureID)).isEmpty)

            for (label, node) in nodes {
                let result = try Self.verifyFaults(node, complete: label == "hub" ? nil : [node.structureID])
                #expect(result.faults.isEmpty, "\(label): \(result.faults)")
                #expect(result.erasures >= 5, "\(label)")
            }
            let after = try Dashboard(node: hub, today: today, now: Pair.date("2027-03-20"))
            #expect(after.months.map(\.done) == before.months.map(\.done))
            #expect(after.months.map(\.requested) == before.months.map(\.requested))
            #expect(after.months.map(\.evaluated) == before.months.map(\.evaluated))
            #expect(after.matrix == before.matrix)
            #expect(after.balances.map(\.hostedDays) == before.balances.map(\.hostedDays))
            #expect(after.evaluationCompletion == before.evaluationCompletion)
            // Nothing is left to erase: a second erasure writes nothing.
            let count = try a.store.envelopeCount()
            try PersonErasure(node: a, email: pair.visitor.email).erase(node: a, actor: "test")
            #expect(try a.store.envelopeCount() == count)
        }
    }

    @Test func aRedactionSignedByAnotherStructureIsRefusedAndErasesNothing() async throws {
        try await withPair { pair in
            let id = try pair.request()
            try await pair.sync()
            let target = try #require(try pair.a.store.versions(of: id).first)
            // B's node cannot redact A's record…
            #expect(throws: StoreError.self) { try pair.b.store.redact([target.id], reason: .erasure, as: pair.b.author) }
            // …and a redaction B signs anyway is refused by the hub.
            try pair.b.store.append(Redaction(envelopes: [target.id], reason: .erasure), as: pair.b.author)
            let report = try await pair.network.sync(pair.b)
            #expect(report.rejected.contains { $0.reason.contains("écrit par une autre structure") })
            let held = try #require(try pair.network.hub.store.versions(of: id).first)
            #expect(held.redactedBy == nil && held.body == target.body)
        }
    }
}
