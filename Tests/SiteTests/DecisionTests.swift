import Exchange
import Foundation
import Hummingbird
import HummingbirdTesting
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Site
@testable import Storage
@testable import Workflow

/// Steps record only what the person meant: no pre-selected decision or rating, no duplicate,
/// the offer's duration kept, and a signature given only after reading what it commits to.
@Suite("Decisions people can trust", .serialized)
struct DecisionTests {
    static let request = ImmersionSiteTests.request

    /// The visitor's request, sent and synced; returns its id.
    static func sendRequest(_ pair: Pair, _ a: any TestClientProtocol, _ visitor: Browser) async throws -> String {
        let sent = try await visitor.post(a, "/offres/\(try pair.offerOfB)/demander", request)
        #expect(sent.status == .seeOther)
        try await pair.sync()
        return String(try #require(sent.location.split(separator: "/").last?.split(separator: "?").first))
    }

    @Test func aRefusalWithItsReasonStaysARefusalAndNothingIsChosenInAdvance() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            try await sites.run { a, b, _ in
                let visitor = try #require(try await Browser.login(a, email: "pro@a.example").1)
                let id = try await Self.sendRequest(pair, a, visitor)
                let host = try #require(try await Browser.login(b, email: "ref@b.example").1)
                let page = try await host.get(b, "/immersions/\(id)").html
                // Three separate forms, one per decision; no radio group, nothing checked or selected.
                for decision in ["accept", "counter", "decline"] {
                    #expect(page.contains("<input type=\"hidden\" name=\"decision\" value=\"\(decision)\">"), "\(decision)")
                }
                #expect(!page.contains("type=\"radio\" id=\"decision") && !page.contains(" selected>"))
                // What the tester did: the reason "offre complète" chosen, and the refusal's own button.
                let refused = try await host.post(b, "/immersions/\(id)/reponse", [("decision", "decline"), ("reason", "offer_full"), ("text", "")])
                #expect(refused.status == .seeOther)
                try await pair.sync()
                #expect(try pair.state(id, on: pair.a, today: "2027-01-16") == .declined(.offerFull))
                #expect(try ImmersionBook(node: pair.b).immersion(id)?.conventions.isEmpty == true, "no convention was drawn up")
                // A refusal without its reason is refused, and says so.
                let id2 = try await Self.sendRequest(pair, a, try #require(try await Browser.login(a, email: "autre@a.example").1))
                let noReason = try await host.post(b, "/immersions/\(id2)/reponse", [("decision", "decline"), ("reason", ""), ("text", "")])
                #expect(noReason.status == .badRequest && noReason.html.contains("La raison du refus est obligatoire"))
                #expect(noReason.html.contains("<title>Erreur :"))
            }
        }
    }

    @Test func aReplayedFormWritesNothingAndASecondRequestPointsToTheFirst() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            try await sites.run { a, _, _ in
                let visitor = try #require(try await Browser.login(a, email: "pro@a.example").1)
                let offer = try pair.offerOfB
                let token = Browser.newFormToken()
                let first = try await visitor.post(a, "/offres/\(offer)/demander", Self.request, formToken: token)
                let replay = try await visitor.post(a, "/offres/\(offer)/demander", Self.request, formToken: token)
                #expect(first.status == .seeOther && replay.status == .seeOther && replay.location == first.location)
                #expect(try pair.a.store.currentRecords(type: ImmersionRequest.recordType).count == 1)
                // Back, the page reloads with a new form: the domain refuses the duplicate and links to the first.
                let again = try await visitor.post(a, "/offres/\(offer)/demander", Self.request)
                #expect(again.status == .forbidden && again.html.contains("Vous avez déjà une demande en cours pour cette offre"))
                let id = String(try #require(first.location.split(separator: "/").last?.split(separator: "?").first))
                #expect(again.html.contains("href=\"/immersions/\(id)\""))
                #expect(try pair.a.store.currentRecords(type: ImmersionRequest.recordType).count == 1)
                // Another professional of the same structure may still ask for the same dates.
                let colleague = try #require(try await Browser.login(a, email: "autre@a.example").1)
                #expect(try await colleague.post(a, "/offres/\(offer)/demander", Self.request).status == .seeOther)
            }
        }
    }

    @Test func theOffersDurationHoldsUnlessBothAgreeToAnother() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            try await sites.run { a, b, _ in
                // The sample offer lasts 5 half-days: three calendar days at most.
                let visitor = try #require(try await Browser.login(a, email: "pro@a.example").1)
                let offer = try pair.offerOfB
                let tooLong = Self.request.map { $0.0 == "to" ? ("to", "2027-03-12") : $0 }
                let refused = try await visitor.post(a, "/offres/\(offer)/demander", tooLong)
                #expect(
                    refused.status == .badRequest && refused.text.contains("Ces dates couvrent 5 jours, plus que l'offre ne prévoit"),
                    "\(refused.text)"
                )
                #expect(try pair.a.store.currentRecords(type: ImmersionRequest.recordType).isEmpty)
                let id = try await Self.sendRequest(pair, a, visitor)
                let host = try #require(try await Browser.login(b, email: "ref@b.example").1)
                let accept: [(String, String)] = [
                    ("decision", "accept"), ("from", "2027-03-08"), ("to", "2027-03-12"), ("hours", "9 h – 17 h"), ("places", "CMP"),
                    ("programme", "Réunion clinique"), ("practicalNotes", ""),
                ]
                let longer = try await host.post(b, "/immersions/\(id)/reponse", accept)
                #expect(longer.status == .badRequest && longer.text.contains("proposez d'autres dates"))
                #expect(try ImmersionBook(node: pair.b).immersion(id)?.conventions.isEmpty == true)
                // A counter-proposal for five days, agreed by the visitor: the convention may then cover them.
                let counter = try await host.post(
                    b,
                    "/immersions/\(id)/reponse",
                    [("decision", "counter"), ("from", "2027-03-08"), ("to", "2027-03-12")]
                )
                #expect(counter.status == .seeOther)
                try await pair.sync()
                #expect(try await visitor.post(a, "/immersions/\(id)/dates", []).status == .seeOther)
                try await pair.sync()
                let convention = try await host.post(b, "/immersions/\(id)/convention", Array(accept.dropFirst()))
                #expect(convention.status == .seeOther, "\(convention.text)")
                #expect(try ImmersionBook(node: pair.b).immersion(id)?.currentConvention?.period.days == 5)
            }
        }
    }

    @Test func signingShowsWhatItCommitsToAndNeedsAConfirmation() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            try await sites.run { a, b, _ in
                let visitor = try #require(try await Browser.login(a, email: "pro@a.example").1)
                let id = try await Self.sendRequest(pair, a, visitor)
                let host = try #require(try await Browser.login(b, email: "ref@b.example").1)
                let accept: [(String, String)] = [
                    ("decision", "accept"), ("from", "2027-03-08"), ("to", "2027-03-10"), ("hours", "9 h – 17 h"), ("places", "CMP"),
                    ("programme", "Réunion clinique"),
                ]
                #expect(try await host.post(b, "/immersions/\(id)/reponse", accept).status == .seeOther)
                let page = try await host.get(b, "/immersions/\(id)/signer?partie=host")
                #expect(page.status == .ok && page.text.contains("Je soussigné·e Claire Martin, référent·e Vis ma vie pro de"))
                #expect(page.text.contains("m'engage à en respecter les principes : confidentialité et secret professionnel, discrétion"))
                #expect(page.html.contains("Réunion clinique") && page.html.contains("du 8 mars 2027 au 10 mars 2027"))
                let version = try #require(try ImmersionBook(node: pair.b).immersion(id)?.currentConvention?.versionHash)
                let unconfirmed = try await host.post(b, "/immersions/\(id)/signature", [("party", "host"), ("version", version)])
                #expect(unconfirmed.status == .badRequest && unconfirmed.html.contains("Cochez la case"))
                #expect(try ImmersionBook(node: pair.b).immersion(id)?.signatures.isEmpty == true)
                let signed = try await host.post(b, "/immersions/\(id)/signature", [("party", "host"), ("version", version), ("confirm", "1")])
                #expect(signed.status == .seeOther)
                let signature = try #require(try ImmersionBook(node: pair.b).immersion(id)?.signatures.first?.signature)
                #expect(signature.capacity.hasPrefix("référent·e Vis ma vie pro de CMP infanto-juvénile de Béziers"))
                // The signing page refuses a party the person does not stand for.
                #expect(try await host.get(b, "/immersions/\(id)/signer?partie=employer").status == .conflict)
            }
        }
    }

    @Test func theEvaluationRecordsOnlyWhatThePersonAnswered() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            // Confirmed on the nodes directly, for the person who signs in below.
            let person = Actor(name: "Karim Benali", email: "pro@a.example", role: .professionnel)
            let id = try pair.request(by: person)
            try await pair.signedByAll(id, visitor: person)
            sites.clock.set("2027-03-12")
            try await sites.run { a, _, _ in
                let visitor = try #require(try await Browser.login(a, email: "pro@a.example").1)
                let page = try await visitor.get(a, "/immersions/\(id)").html
                #expect(page.contains("Évaluer votre immersion"))
                let start = try #require(page.range(of: "/evaluation\""))
                let form = String(page[start.lowerBound...])
                #expect(!form.contains(" checked") && !form.contains(" selected"), "no answer is chosen in advance")
                #expect(form.contains("Je ne sais pas, ou sans objet"))
                let answers: [(String, String)] = [
                    ("expected", "Comprendre l'orientation"), ("observed", "Une réunion clinique"), ("changedView", "Le délai s'explique"),
                    ("satisfaction", "3"), ("comments", ""), ("practiceChanges", ""),
                ]
                let skipped = try await visitor.post(a, "/immersions/\(id)/evaluation", answers)
                #expect(skipped.status == .badRequest && skipped.text.contains("Indiquez si vous avez effectué l'immersion"))
                let noRecommendation = try await visitor.post(a, "/immersions/\(id)/evaluation", answers + [("attended", "1")])
                #expect(noRecommendation.status == .badRequest && noRecommendation.html.contains("Dites si vous recommanderiez"))
                let noSatisfaction = try await visitor.post(
                    a,
                    "/immersions/\(id)/evaluation",
                    answers.filter { $0.0 != "satisfaction" } + [("attended", "1"), ("wouldRecommend", "1")]
                )
                #expect(noSatisfaction.status == .badRequest, "a skipped rating is not top marks")
                let unsure = try await visitor.post(
                    a,
                    "/immersions/\(id)/evaluation",
                    answers + [("attended", "1"), ("wouldRecommend", "sans-avis")]
                )
                #expect(unsure.status == .seeOther)
                let evaluation = try #require(try ImmersionBook(node: pair.a).immersion(id)?.analysis.visitorEvaluation)
                #expect(evaluation.attended && evaluation.satisfaction == 3 && evaluation.wouldRecommend == nil)
            }
        }
    }
}
