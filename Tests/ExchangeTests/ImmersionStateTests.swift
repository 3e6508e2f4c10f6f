import Testing
@testable import Exchange
@testable import Records

@Suite("Immersion state function")
struct ImmersionStateTests {
    static let visitor = "01a20000-0000-7000-8000-00000000000a"
    static let host = "01a20000-0000-7000-8000-00000000000b"
    static let stranger = "01a20000-0000-7000-8000-00000000000c"
    static let request = "01a20000-0000-7000-8000-0000000000f1"
    static let period = Period(from: Day("2027-03-08")!, to: Day("2027-03-10")!)
    static let v1 = String(repeating: "1", count: 64)
    static let v2 = String(repeating: "2", count: 64)

    static func step(_ author: String, _ seq: Int64, _ kind: ImmersionStep.Kind) -> ImmersionStep { ImmersionStep(author: author, seq: seq, kind: kind) }
    static var ask: ImmersionStep {
        step(visitor, 1, .request(ImmersionRequest(offer: "01a20000-0000-7000-8000-0000000000e1", host: host, visitorName: "Karim Benali",
                                                  visitorJob: "Éducateur", experience: "8 ans", period: period, objective: "Comprendre le CMP",
                                                  practisingProfessional: true, visitorEmail: "karim.benali@example.org")))
    }
    static func answer(_ decision: ImmersionAnswer.Decision, seq: Int64 = 1, by author: String = host) -> ImmersionStep {
        step(author, seq, .answer(ImmersionAnswer(request: request, decision: decision, period: decision == .decline ? nil : period,
                                                  reason: decision == .decline ? .offerFull : nil)))
    }
    static func sign(_ party: ConventionSignature.Party, _ hash: String, seq: Int64, by author: String? = nil) -> ImmersionStep {
        step(author ?? (party == .host ? host : visitor), seq,
             .signature(ConventionSignature(request: request, party: party, conventionHash: hash, signerName: "X")))
    }
    static let before = Day("2027-03-01")!
    static let after = Day("2027-04-01")!

    func state(_ steps: [ImmersionStep], today: Day = ImmersionStateTests.before) -> ImmersionState {
        ImmersionState.compute(steps, today: today)
    }

    @Test func theLifecycleStepByStep() {
        typealias T = ImmersionStateTests
        #expect(state([]) == .noRequest)
        #expect(state([T.ask]) == .requested)
        #expect(state([T.ask, T.answer(.decline)]) == .declined(.offerFull))
        #expect(state([T.ask, T.answer(.counter)]) == .counterProposed(T.period))
        let accepted = [T.ask, T.answer(.accept)]
        #expect(state(accepted) == .awaitingSignatures(missing: [.visitor, .employer, .host]))
        let drafted = accepted + [T.step(T.host, 2, .convention(hash: T.v1, materialHash: T.v1))]
        #expect(state(drafted + [T.sign(.visitor, T.v1, seq: 2)]) == .awaitingSignatures(missing: [.employer, .host]))
        let signed = drafted + [T.sign(.visitor, T.v1, seq: 2), T.sign(.employer, T.v1, seq: 3), T.sign(.host, T.v1, seq: 3)]
        #expect(state(signed) == .confirmed(T.period))
        #expect(state(signed, today: T.after) == .completed(T.period))
        #expect(state(signed + [T.step(T.visitor, 9, .cancellation(ImmersionCancellation(request: T.request, reason: "Arrêt maladie")))]) == .cancelled(by: T.visitor))
        #expect(state(signed + [T.step(T.host, 9, .cancellation(ImmersionCancellation(request: T.request, reason: "x")))], today: T.after) == .completed(T.period),
                "an immersion that took place is not cancelled afterwards")
    }

    @Test func aNewConventionVersionNeedsNewSignatures() {
        typealias T = ImmersionStateTests
        let signedV1 = [T.ask, T.answer(.accept), T.step(T.host, 2, .convention(hash: T.v1, materialHash: T.v1)),
                        T.sign(.visitor, T.v1, seq: 2), T.sign(.employer, T.v1, seq: 3), T.sign(.host, T.v1, seq: 3)]
        let edited = signedV1 + [T.step(T.host, 4, .convention(hash: T.v2, materialHash: T.v2))]
        #expect(state(edited) == .awaitingSignatures(missing: [.visitor, .employer, .host]), "a signature on an old version never counts")
        #expect(state(edited + [T.sign(.host, T.v2, seq: 5), T.sign(.visitor, T.v2, seq: 4)]) == .awaitingSignatures(missing: [.employer]))
    }

    @Test func aNonMaterialEditKeepsTheSignatures() {
        typealias T = ImmersionStateTests
        let v1b = String(repeating: "3", count: 64)
        let signedV1 = [T.ask, T.answer(.accept), T.step(T.host, 2, .convention(hash: T.v1, materialHash: T.v1)),
                        T.sign(.visitor, T.v1, seq: 2), T.sign(.employer, T.v1, seq: 3), T.sign(.host, T.v1, seq: 3)]
        #expect(state(signedV1 + [T.step(T.host, 4, .convention(hash: v1b, materialHash: T.v1))]) == .confirmed(T.period))
    }

    @Test func stepsByTheWrongPartyAreIgnored() {
        typealias T = ImmersionStateTests
        #expect(state([T.ask, T.answer(.accept, by: T.visitor)]) == .requested, "only the host answers")
        #expect(state([T.ask, T.answer(.accept, by: T.stranger)]) == .requested)
        let drafted = [T.ask, T.answer(.accept), T.step(T.host, 2, .convention(hash: T.v1, materialHash: T.v1))]
        let wrong = drafted + [T.sign(.visitor, T.v1, seq: 3, by: T.host), T.sign(.employer, T.v1, seq: 4, by: T.host),
                               T.sign(.host, T.v1, seq: 2, by: T.visitor)]
        #expect(state(wrong) == .awaitingSignatures(missing: [.visitor, .employer, .host]))
        let foreignDraft = [T.ask, T.answer(.accept), T.step(T.visitor, 2, .convention(hash: T.v1, materialHash: T.v1))]
        #expect(state(foreignDraft) == .awaitingSignatures(missing: [.visitor, .employer, .host]), "only the host drafts the convention")
        #expect(state([T.ask, T.step(T.stranger, 1, .cancellation(ImmersionCancellation(request: T.request, reason: "x")))]) == .requested)
    }

    @Test func theLatestAnswerOfTheHostCounts() {
        typealias T = ImmersionStateTests
        #expect(state([T.ask, T.answer(.counter, seq: 1), T.answer(.accept, seq: 2)]) == .awaitingSignatures(missing: [.visitor, .employer, .host]))
        #expect(state([T.ask, T.answer(.accept, seq: 2), T.answer(.counter, seq: 1)]) == .awaitingSignatures(missing: [.visitor, .employer, .host]))
    }

    @Test func concurrentCancelAndAcceptAlwaysEndCancelled() {
        typealias T = ImmersionStateTests
        let steps = [T.ask, T.answer(.accept), T.step(T.visitor, 2, .cancellation(ImmersionCancellation(request: T.request, reason: "Plus disponible")))]
        #expect(state(steps) == .cancelled(by: T.visitor))
    }

    /// Records arrive in any order after offline periods: every arrival order gives the same state.
    @Test func everyArrivalOrderGivesTheSameState() {
        typealias T = ImmersionStateTests
        let scenarios: [[ImmersionStep]] = [
            [T.ask, T.answer(.counter, seq: 1), T.answer(.accept, seq: 2), T.step(T.host, 3, .convention(hash: T.v1, materialHash: T.v1)),
             T.sign(.visitor, T.v1, seq: 2), T.sign(.employer, T.v1, seq: 3), T.sign(.host, T.v1, seq: 4)],
            [T.ask, T.answer(.accept), T.step(T.host, 2, .convention(hash: T.v1, materialHash: T.v1)), T.sign(.visitor, T.v1, seq: 2),
             T.step(T.host, 3, .convention(hash: T.v2, materialHash: T.v2)), T.sign(.host, T.v2, seq: 4)],
            [T.ask, T.answer(.accept), T.step(T.host, 2, .cancellation(ImmersionCancellation(request: T.request, reason: "x"))),
             T.sign(.visitor, T.v1, seq: 2)],
        ]
        for steps in scenarios {
            let expected = state(steps)
            var count = 0
            forEachPermutation(steps) { permutation in
                count += 1
                #expect(state(permutation) == expected)
            }
            #expect(count > 1)
        }
    }

    func forEachPermutation(_ items: [ImmersionStep], _ body: ([ImmersionStep]) -> Void) {
        var items = items
        func permute(_ k: Int) {
            if k == items.count { body(items); return }
            for i in k..<items.count {
                items.swapAt(k, i)
                permute(k + 1)
                items.swapAt(k, i)
            }
        }
        permute(0)
    }

    @Test func requestsAndAnswersAreValidated() throws {
        let request = ImmersionStateTests.ask
        guard case .request(let r) = request.kind, case .object(var o) = r.json else { return }
        o["practisingProfessional"] = .bool(false)
        do { _ = try ImmersionRequest.validated(.object(o)); Issue.record("a trainee was accepted") } catch {
            #expect(error.issues.map(\.field) == ["practisingProfessional"])
        }
        let decline = ImmersionAnswer(request: ImmersionStateTests.request, decision: .decline, reason: .other)
        #expect(throws: ValidationError.self) { try ImmersionAnswer.validated(decline.json) }
        let accept = ImmersionAnswer(request: ImmersionStateTests.request, decision: .accept)
        #expect(throws: ValidationError.self) { try ImmersionAnswer.validated(accept.json) }
        let good = ImmersionAnswer(request: ImmersionStateTests.request, decision: .decline, reason: .profileNotSuited)
        #expect(try ImmersionAnswer.validated(good.json) == good)
    }
}
