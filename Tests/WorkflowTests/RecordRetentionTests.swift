import Exchange
import Foundation
import NetworkSupport
import Records
import Storage
import Testing
import Workflow

/// The network's retention policy on a fake clock: each node erases exactly what the policy says
/// on the day it says, and the other structure of each immersion follows.
@Suite("Record retention")
struct RecordRetentionTests {
    @Test func eachImmersionIsErasedOnTheDayThePolicySaysAndNotBefore() async throws {
        try await withPair { pair in
            let (a, b) = (pair.a, pair.b)
            let signed = try await pair.completedImmersion()  // 8–10 March 2027
            let declined = try pair.request(by: pair.colleague)
            try await pair.sync()
            try ImmersionDesk(node: b).decline(
                declined,
                reason: .offerFull,
                text: "Plus de place en mars.",
                by: pair.referentB,
                today: Pair.day("2027-01-20"),
                now: Pair.date("2027-01-20")
            )
            try await pair.sync()
            let policy = RetentionPolicy.standard

            // A declined request: 1 year after its last step (20 January 2027 on B, 15 January on A).
            let lastOnA = try RecordRetention(node: a, today: Pair.day("2028-01-19"))
            #expect(lastOnA.due.map(\.id) == [])
            let dueOnA = try RecordRetention(node: a, today: Pair.day("2028-01-20"))
            #expect(dueOnA.due.map(\.id) == [declined])
            #expect(dueOnA.due.first?.kind == .unrealised)
            // Looking ahead shows it a month before, without erasing anything.
            let ahead = try RecordRetention(node: a, today: Pair.day("2027-12-25"), lookahead: 30)
            #expect(ahead.items.map(\.id) == [declined] && ahead.due.isEmpty)

            _ = try Retention.run(node: a, now: Pair.date("2028-01-20"))
            try await pair.sync()
            #expect(try ImmersionBook(node: a).immersion(declined) == nil)
            #expect(try ImmersionBook(node: b).immersion(declined) == nil, "B followed A's redaction")
            #expect(try ImmersionBook(node: a).immersion(signed) != nil)
            #expect(try ImmersionBook(node: b).immersion(signed) != nil)
            #expect(try RecordRetention(node: b, today: Pair.day("2028-01-20")).due.isEmpty)

            // A signed immersion: 3 years after its last day (10 March 2027).
            let end = Pair.day("2027-03-10").adding(days: policy.immersionDays)
            // (The offers, whose periods ended in 2027, have been due for a while: 1 year after.)
            func immersions(_ retention: RecordRetention) -> [String] { retention.due.filter { $0.kind != .offer }.map(\.id) }
            #expect(immersions(try RecordRetention(node: a, today: end.adding(days: -1))) == [])
            #expect(immersions(try RecordRetention(node: b, today: end)) == [signed])
            let report = try Retention.run(node: b, now: Pair.date(end.description))
            #expect(report.records.map(\.kind).sorted { "\($0)" < "\($1)" } == [.immersion, .offer])
            try await pair.sync()
            #expect(try ImmersionBook(node: a).immersion(signed) == nil)
            #expect(try ImmersionBook(node: b).immersion(signed) == nil)
            // Run again: nothing left, nothing written.
            _ = try Retention.run(node: a, now: Pair.date(end.description))
            let count = try a.store.envelopeCount()
            _ = try Retention.run(node: a, now: Pair.date(end.description))
            #expect(try a.store.envelopeCount() == count)
        }
    }

    @Test func theHubsPublishedPolicyReplacesTheDefaultAndOnlyTheHubMayPublishIt() async throws {
        try await withPair { pair in
            let shorter = RetentionPolicy(unrealisedDays: 180, immersionDays: 730, closedDays: 90, accountUnusedDays: 365, accountGraceDays: 30)
            try pair.network.hub.store.append(shorter, as: pair.network.hub.author)
            // A node's own policy record is withheld by the hub and ignored by the others.
            try pair.b.store.append(
                RetentionPolicy(unrealisedDays: 30, immersionDays: 30, closedDays: 30, accountUnusedDays: 90, accountGraceDays: 7),
                as: pair.b.author
            )
            try await pair.sync()
            #expect(try RecordRetention.policy(node: pair.a) == shorter)
            #expect(AccountRetentionPolicy(shorter).deactivateUnusedAfter == 365 * 86_400)
        }
    }
}
