import Exchange
import Foundation
import NetworkSupport
import Records
import Storage
import TestSupport
import Testing
import Workflow

/// Upgrades keep the data: databases made by an earlier version (a hub and a node, committed in
/// Tests/Fixtures/upgrade with a manifest of what they hold) are opened by this version, which
/// migrates them; every record, account and chain must survive.
///
/// `VMVP_WRITE_FIXTURES=1 swift test --filter UpgradeFixtureTests` writes them anew from this
/// version: do it when a release ships, so that the next one is tested against it.
@Suite("Upgrades keep the data")
struct UpgradeFixtureTests {
    static let folder = TestPaths.repositoryRoot.appendingPathComponent("Tests/Fixtures/upgrade")

    /// What a database holds, as the manifest records it.
    static func summary(of database: NodeDatabase) throws -> JSONValue {
        let store = RecordStore(database: database)
        var types: [String: Int] = [:]
        for envelope in try store.envelopes() { types[envelope.header.type.rawValue, default: 0] += 1 }
        let heads = try store.chainHeads().map { "\($0.origin)/\($0.chain.rawValue)/\($0.seq)/\($0.hash)" }.sorted()
        let accounts = try AccountStore(database: database).all().map { "\($0.email) \($0.role.rawValue)" }.sorted()
        return .object([
            "envelopes": .object(types.mapValues { .integer(Int64($0)) }),
            "heads": .array(heads.map { .string($0) }),
            "accounts": .array(accounts.map { .string($0) }),
        ])
    }

    @Test func aDatabaseOfTheLastReleaseOpensMigratedWithEveryRecordAccountAndChain() async throws {
        if ProcessInfo.processInfo.environment["VMVP_WRITE_FIXTURES"] == "1" { try await Self.write() }
        let manifestText = try String(contentsOf: Self.folder.appendingPathComponent("manifest.json"), encoding: .utf8)
        guard case .object(let manifest) = try JSONParser.parse(manifestText) else {
            Issue.record("manifest")
            return
        }
        #expect(manifest.count == 2)
        for (name, expected) in manifest {
            let scratch = TestPaths.temporaryDirectory("upgrade-\(name)")
            let copy = scratch.appendingPathComponent("node.sqlite").path
            try NodeDatabase.restore(from: Self.folder.appendingPathComponent("\(name).sqlite").path, to: copy)
            let database = try NodeDatabase(path: copy)
            #expect(try Self.summary(of: database) == expected, "\(name)")
            let envelopes = try RecordStore(database: database).envelopes()
            var verifier = LogVerifier()
            verifier.learnKeys(from: envelopes)
            let own = try NodeSettings(database: database)[.structureID]
            let isHub = try NodeSettings(database: database)[.role] == "hub"
            #expect(verifier.verify(envelopes, completeOrigins: isHub ? nil : Set([own ?? ""])) == [], "\(name)")
            #expect(LogVerifier.erasures(in: envelopes).faults == [], "\(name)")
            // Every known record type in the fixture still decodes.
            for envelope in envelopes where envelope.header.visibility == .network && envelope.redactedBy == nil {
                if case .failure(let error)? = KnownRecordTypes.decode(envelope.header.type, json: try envelope.bodyJSON()) {
                    Issue.record("\(name): \(envelope.header.type) no longer decodes: \(error)")
                }
            }
        }
    }

    /// A hub and a node with records of every type: profiles, members, offers, a withdrawn offer,
    /// demands, a whole immersion (request, answer, convention, signatures, evaluations), a sealed
    /// message, the network's rules, legal notices, a revocation and a redaction.
    static func write() async throws {
        try await withPair { pair in
            let (a, b, hub) = (pair.a, pair.b, pair.network.hub)
            let id = try await pair.completedImmersion()
            _ = try Credentials(node: b).issueDue(today: Pair.day("2027-03-13"), now: Pair.date("2027-03-13"))
            try a.store.append(
                Demand(
                    requesterName: pair.colleague.name,
                    requesterJob: "Conseillère en insertion",
                    requesterStructure: "Mission locale Centre Hérault",
                    sectors: [.sanitaire],
                    missions: "Le soin psychique des adolescents",
                    possiblePeriods: [Period(from: Pair.day("2027-04-01"), to: Pair.day("2027-06-30"))],
                    durationHalfDays: 4,
                    objective: "Mieux orienter"
                ),
                as: a.author
            )
            let withdrawn = try a.addOffer(commune: "Clermont-l'Hérault")
            try a.store.retract(withdrawn.header.record, reason: "Plus de place cette année", as: a.author)
            try a.appendSealed(Message(subject: "Accueil", text: "Merci pour l'accueil."), to: [b.structureID])
            let rules = NetworkRulesDesk(node: hub)
            try rules.publishReciprocity(ReciprocityPolicy(minimumPublishedOffers: 1, maximumDaysOwed: 10), by: .commandLine)
            try rules.publishRetention(.standard, by: .commandLine)
            try rules.saveGlossaryEntry(
                GlossaryEntry(
                    term: "PAEJ",
                    expansion: "Point accueil écoute jeunes",
                    definition: "Lieu d'écoute anonyme et gratuit pour les jeunes."
                ),
                replacing: nil,
                by: .commandLine
            )
            _ = try LegalDesk(node: hub).publish(LegalNotice(texts: ["publisher": "Maison des Adolescents de l'Hérault"]), by: .commandLine)
            _ = try LegalDesk(node: a).publish(LegalNotice(texts: ["host": "Hébergé par la Mission locale"]), by: .commandLine)
            let leaving = try await pair.network.addNode("Structure partie", sector: .culturel)
            _ = try pair.network.administration.revoke(structure: leaving.structureID, reason: "Départ du réseau", by: .commandLine)
            try PersonErasure(node: a, email: pair.colleague.email, name: pair.colleague.name).erase(node: a, actor: "test")
            try await pair.sync()
            try await pair.sync()
            _ = id
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var manifest: [String: JSONValue] = [:]
            for (name, node) in [("hub", hub), ("node", a)] {
                let path = folder.appendingPathComponent("\(name).sqlite").path
                try? FileManager.default.removeItem(atPath: path)
                try node.database.backup(to: path)
                manifest[name] = try summary(of: try NodeDatabase(path: path))
            }
            let text = String(decoding: try CanonicalJSON.encode(.object(manifest)), as: UTF8.self)
            try (text + "\n").write(to: folder.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        }
    }
}
