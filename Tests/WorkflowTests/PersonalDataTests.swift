import Exchange
import Foundation
import NetworkSupport
import TestSupport
import Testing
import Workflow

@testable import Records
@testable import Storage

@Suite("What a node holds about a person", .serialized)
struct PersonalDataTests {
    @Test func theExportHoldsThePersonsDataAndNobodyElses() async throws {
        try await withPair { pair in
            let karims = try pair.request()
            let ines = try pair.request(period: Period(from: Pair.day("2027-03-15"), to: Pair.day("2027-03-16")), by: pair.colleague)
            try await pair.sync()
            try pair.a.notifications.markSent("request:\(karims):answer:\(pair.visitor.email)")
            try pair.a.notifications.markSent("request:\(ines):answer:\(pair.colleague.email)")

            let karim = try PersonalData(node: pair.a, email: pair.visitor.email.uppercased())
            #expect(karim.account?.name == pair.visitor.name)
            #expect(karim.immersions.map(\.immersion.id) == [karims] && karim.immersions[0].roles == ["visitor"])
            #expect(karim.notifications.count == 1)
            let text = String(decoding: try CanonicalJSON.encode(try karim.json(node: pair.a)), as: UTF8.self)
            #expect(text.contains("\"format\":\"vmvp-personal-data/1\"") && text.contains(pair.visitor.email))
            #expect(!text.contains(ines) && !text.contains(pair.colleague.email), "nothing of the colleague's immersion")
            #expect(!text.contains("passwordHash") && !text.contains("not-used"), "no password hash")

            let colleague = try PersonalData(node: pair.a, email: pair.colleague.email)
            #expect(colleague.immersions.map(\.immersion.id) == [ines])
            let theirs = String(decoding: try CanonicalJSON.encode(try colleague.json(node: pair.a)), as: UTF8.self)
            #expect(!theirs.contains(karims) && !theirs.contains(pair.visitor.email))

            // The host's node holds the request too (sealed to both structures), without an account for the visitor.
            let atHost = try PersonalData(node: pair.b, email: pair.visitor.email)
            #expect(atHost.account == nil && atHost.immersions.map(\.immersion.id) == [karims])
            #expect(try PersonalData(node: pair.b, email: "personne@ailleurs.example").immersions.isEmpty)
        }
    }

    @Test func theOffersThatNameThePersonAndTheirActsAreIncluded() async throws {
        try await withPair { pair in
            let contact = try #require(try pair.b.store.currentRecords(type: .offer, origin: pair.b.structureID).first?.decode(Offer.self).contact)
            let data = try PersonalData(node: pair.b, email: contact.email)
            #expect(data.offers.count == 1)
            try pair.b.audit.append(actor: pair.referentB.email, action: .profileEdited, subject: "CMP")
            #expect(try PersonalData(node: pair.b, email: pair.referentB.email).acts.map(\.action) == [.profileEdited])
        }
    }
}
