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

    static func step(_ author: String, _ seq: Int64, _ kind: ImmersionStep.Kind) -> ImmersionStep {
        ImmersionStep(author: author, seq: seq, kind: kind)
    }
    static var ask: ImmersionStep {
        step(
            visitor,
            1,
            .request(
                ImmersionRequest(
                    offer: "01a20000-0000-7000-8000-0000000000e1",
                    host: host,
                    visitorName: "Karim Benali",
                    visitorJob: "Éducateur",
                    experience: "8 ans",
                    period: period,
                    objective: "Comprendre le CMP",
                    practisingProfessional: true,
                    visitorEmail: "karim.benali@example.org"
                )
            )
        )
    }
    static func answer(_ decision: ImmersionAnswer.Decision, seq: Int64 = 1, by author: String = host) -> ImmersionStep {
        step(
            author,
            seq,
            .answer(
                ImmersionAnswer(
                    request: request,
                    decision: decision,
                    period: decision == .decline ? nil : period,
                    reason: decision == .decline ? .offerFull : nil
                )
            )
        )
    }
    static func sign(_ party: ConventionSignature.Party, _ hash: String, seq: Int64, by author: String? = nil) -> ImmersionStep {
        step(
            author ?? (party == .host ? host : visitor),
            seq,
            .signature(ConventionSignature(request: request, party: party, conventionHash: hash, signerName: "X"))
        )
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
        #expect(
            state(signed + [T.step(T.visitor, 9, .cancellation(ImmersionCancellation(request: T.request, reason: "Arrêt maladie")))])
                == .cancelled(by: T.visitor)
        )
        let late = ImmersionStep(
            author: T.host,
            seq: 9,
            kind: .cancellation(ImmersionCancellation(request: T.request, reason: "x")),
            written: T.after
        )
        #expect(state(signed + [late], today: T.after) == .completed(T.period), "an immersion that took place is not cancelled afterwards")
        let inTime = ImmersionStep(
            author: T.host,
            seq: 9,
            kind: .cancellation(ImmersionCancellation(request: T.request, reason: "x")),
            written: T.before
        )
        #expect(state(signed + [inTime], today: T.after) == .cancelled(by: T.host), "cancelled before its dates, it never took place")
    }

    @Test func aNewConventionVersionNeedsNewSignatures() {
        typealias T = ImmersionStateTests
        let signedV1 = [
            T.ask, T.answer(.accept), T.step(T.host, 2, .convention(hash: T.v1, materialHash: T.v1)),
            T.sign(.visitor, T.v1, seq: 2), T.sign(.employer, T.v1, seq: 3), T.sign(.host, T.v1, seq: 3),
        ]
        let edited = signedV1 + [T.step(T.host, 4, .convention(hash: T.v2, materialHash: T.v2))]
        #expect(state(edited) == .awaitingSignatures(missing: [.visitor, .employer, .host]), "a signature on an old version never counts")
        #expect(state(edited + [T.sign(.host, T.v2, seq: 5), T.sign(.visitor, T.v2, seq: 4)]) == .awaitingSignatures(missing: [.employer]))
    }

    @Test func aNonMaterialEditKeepsTheSignatures() {
        typealias T = ImmersionStateTests
        let v1b = String(repeating: "3", count: 64)
        let signedV1 = [
            T.ask, T.answer(.accept), T.step(T.host, 2, .convention(hash: T.v1, materialHash: T.v1)),
            T.sign(.visitor, T.v1, seq: 2), T.sign(.employer, T.v1, seq: 3), T.sign(.host, T.v1, seq: 3),
        ]
        #expect(state(signedV1 + [T.step(T.host, 4, .convention(hash: v1b, materialHash: T.v1))]) == .confirmed(T.period))
    }

    @Test func stepsByTheWrongPartyAreIgnored() {
        typealias T = ImmersionStateTests
        #expect(state([T.ask, T.answer(.accept, by: T.visitor)]) == .requested, "only the host answers")
        #expect(state([T.ask, T.answer(.accept, by: T.stranger)]) == .requested)
        let drafted = [T.ask, T.answer(.accept), T.step(T.host, 2, .convention(hash: T.v1, materialHash: T.v1))]
        let wrong =
            drafted + [
                T.sign(.visitor, T.v1, seq: 3, by: T.host), T.sign(.employer, T.v1, seq: 4, by: T.host),
                T.sign(.host, T.v1, seq: 2, by: T.visitor),
            ]
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
        let steps = [
            T.ask, T.answer(.accept), T.step(T.visitor, 2, .cancellation(ImmersionCancellation(request: T.request, reason: "Plus disponible"))),
        ]
        #expect(state(steps) == .cancelled(by: T.visitor))
    }

    /// Records arrive in any order after offline periods: every arrival order gives the same state.
    @Test func everyArrivalOrderGivesTheSameState() {
        typealias T = ImmersionStateTests
        let scenarios: [[ImmersionStep]] = [
            [
                T.ask, T.answer(.counter, seq: 1), T.answer(.accept, seq: 2), T.step(T.host, 3, .convention(hash: T.v1, materialHash: T.v1)),
                T.sign(.visitor, T.v1, seq: 2), T.sign(.employer, T.v1, seq: 3), T.sign(.host, T.v1, seq: 4),
            ],
            [
                T.ask, T.answer(.accept), T.step(T.host, 2, .convention(hash: T.v1, materialHash: T.v1)), T.sign(.visitor, T.v1, seq: 2),
                T.step(T.host, 3, .convention(hash: T.v2, materialHash: T.v2)), T.sign(.host, T.v2, seq: 4),
            ],
            [
                T.ask, T.answer(.accept), T.step(T.host, 2, .cancellation(ImmersionCancellation(request: T.request, reason: "x"))),
                T.sign(.visitor, T.v1, seq: 2),
            ],
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
            if k == items.count {
                body(items)
                return
            }
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
        do {
            _ = try ImmersionRequest.validated(.object(o))
            Issue.record("a trainee was accepted")
        } catch {
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

@Suite("Immersion state: agreement to proposed dates, progress, evaluations, attestation")
struct ImmersionProgressTests {
    typealias T = ImmersionStateTests
    static let proposed = Period(from: Day("2027-03-15")!, to: Day("2027-03-16")!)

    static func counter(seq: Int64 = 1) -> ImmersionStep {
        T.step(T.host, seq, .answer(ImmersionAnswer(request: T.request, decision: .counter, period: proposed)))
    }
    static func agree(_ period: Period, seq: Int64 = 2) -> ImmersionStep {
        T.step(T.visitor, seq, .answer(ImmersionAnswer(request: T.request, decision: .accept, period: period)))
    }
    static func evaluate(_ role: ImmersionEvaluation.Role, attended: Bool = true, seq: Int64, by author: String? = nil) -> ImmersionStep {
        T.step(
            author ?? (role == .host ? T.host : T.visitor),
            seq,
            .evaluation(
                ImmersionEvaluation(
                    request: T.request,
                    role: role,
                    attended: attended,
                    expected: "x",
                    observed: "x",
                    changedView: "x",
                    satisfaction: attended ? 4 : nil,
                    wouldRecommend: attended ? true : nil,
                    comments: attended ? "" : "Absent"
                )
            )
        )
    }
    static var signed: [ImmersionStep] {
        [
            T.ask, T.answer(.accept), T.step(T.host, 2, .convention(hash: T.v1, materialHash: T.v1)),
            T.sign(.visitor, T.v1, seq: 2), T.sign(.employer, T.v1, seq: 3), T.sign(.host, T.v1, seq: 3),
        ]
    }

    @Test func theVisitorAgreesToProposedDatesByAcceptingExactlyThem() {
        #expect(ImmersionState.compute([T.ask, Self.counter()], today: T.before) == .counterProposed(Self.proposed))
        #expect(
            ImmersionState.compute([T.ask, Self.counter(), Self.agree(T.period)], today: T.before) == .counterProposed(Self.proposed),
            "agreeing to other dates than those proposed is no agreement"
        )
        #expect(
            ImmersionState.compute([T.ask, Self.counter(), Self.agree(Self.proposed)], today: T.before)
                == .awaitingSignatures(missing: [.visitor, .employer, .host])
        )
        #expect(Analysis([T.ask, Self.counter(), Self.agree(Self.proposed)]).agreedPeriod == Self.proposed)
        #expect(ImmersionState.compute([T.ask, Self.agree(Self.proposed)], today: T.before) == .requested, "the visitor cannot accept alone")
    }

    @Test func onlyAConfirmedImmersionIsUnderWay() {
        let during = Day("2027-03-09")!
        #expect(ImmersionState.compute(Self.signed, today: during) == .inProgress(T.period))
        #expect(
            ImmersionState.compute(Array(Self.signed.dropLast()), today: during) == .awaitingSignatures(missing: [.host]),
            "without every signature it never starts"
        )
    }

    @Test func evaluationsCountOnlyFromTheirAuthor() {
        let steps = Self.signed + [Self.evaluate(.visitor, seq: 4, by: T.host), Self.evaluate(.host, seq: 5, by: T.visitor)]
        let analysis = Analysis(steps)
        #expect(analysis.visitorEvaluation == nil && analysis.hostEvaluation == nil)
        let good = Analysis(Self.signed + [Self.evaluate(.visitor, seq: 4), Self.evaluate(.host, seq: 4)])
        #expect(good.visitorEvaluation != nil && good.hostEvaluation != nil)
    }

    @Test func theAttestationNeedsBothEvaluationsOrTheHostsAfter30Days() {
        let end = T.period.to
        let hostOnly = Analysis(Self.signed + [Self.evaluate(.host, seq: 4)])
        #expect(!hostOnly.attestationAvailable(today: end.adding(days: 29)))
        #expect(hostOnly.attestationAvailable(today: end.adding(days: 30)))
        let both = Analysis(Self.signed + [Self.evaluate(.host, seq: 4), Self.evaluate(.visitor, seq: 4)])
        #expect(both.attestationAvailable(today: end.adding(days: 1)))
        #expect(!both.attestationAvailable(today: end), "not before the end")
        #expect(
            !Analysis(Self.signed + [Self.evaluate(.visitor, seq: 4)]).attestationAvailable(today: end.adding(days: 60)),
            "the host's is required"
        )
        let noShow = Analysis(Self.signed + [Self.evaluate(.host, attended: false, seq: 4), Self.evaluate(.visitor, seq: 4)])
        #expect(!noShow.attestationAvailable(today: end.adding(days: 40)), "no attestation when the visitor did not come")
        let cancelled = Analysis([
            T.ask, T.answer(.accept), T.step(T.visitor, 2, .cancellation(ImmersionCancellation(request: T.request, reason: "x"))),
            Self.evaluate(.host, seq: 3),
        ])
        #expect(!cancelled.attestationAvailable(today: end.adding(days: 40)))
    }

    @Test func stepsDiscloseTheirKindOnly() {
        #expect(T.ask.disclosedName == "request")
        #expect(T.answer(.decline).disclosedName == "decline")
        #expect(Self.counter().disclosedName == "counter")
        #expect(Self.evaluate(.host, seq: 1).disclosedName == "evaluation")
    }

    @Test func evaluationsAreValidatedWithAShortFormForNoShows() throws {
        let full = ImmersionEvaluation(
            request: T.request,
            role: .visitor,
            attended: true,
            expected: "a",
            observed: "b",
            changedView: "c",
            satisfaction: 5,
            wouldRecommend: true,
            practiceChanges: "d"
        )
        #expect(try ImmersionEvaluation.validated(full.json) == full)
        var o = full.json.objectValue!
        o["satisfaction"] = .integer(6)
        o["observed"] = nil
        do {
            _ = try ImmersionEvaluation.validated(.object(o))
            Issue.record("accepted")
        } catch {
            #expect(Set(error.issues.map(\.field)) == ["satisfaction", "observed"])
        }
        let short = ImmersionEvaluation(request: T.request, role: .host, attended: false, comments: "Pas venu, sans prévenir.")
        #expect(try ImmersionEvaluation.validated(short.json) == short)
        let silent = ImmersionEvaluation(request: T.request, role: .host, attended: false)
        #expect(throws: ValidationError.self, "a no-show says why") { try ImmersionEvaluation.validated(silent.json) }
        let hostPractice = ImmersionEvaluation(
            request: T.request,
            role: .host,
            attended: true,
            expected: "a",
            observed: "b",
            changedView: "c",
            satisfaction: 3,
            wouldRecommend: false,
            practiceChanges: "x"
        )
        #expect(throws: ValidationError.self, "practice changes belong to the visitor") { try ImmersionEvaluation.validated(hostPractice.json) }
    }
}

@Suite("Reciprocity ledger")
struct LedgerTests {
    typealias T = ImmersionStateTests
    typealias P = ImmersionProgressTests

    @Test func onlyImmersionsThatTookPlaceCount() {
        let sectors = [T.visitor: Sector.informationOrientation, T.host: .sanitaire]
        let done = Ledger.Entry(visitor: T.visitor, host: T.host, analysis: Analysis(P.signed + [P.evaluate(.host, seq: 4)]))
        let noShow = Ledger.Entry(visitor: T.visitor, host: T.host, analysis: Analysis(P.signed + [P.evaluate(.host, attended: false, seq: 4)]))
        let cancel = ImmersionStep(
            author: T.visitor,
            seq: 9,
            kind: .cancellation(ImmersionCancellation(request: T.request, reason: "x")),
            written: T.before
        )
        let cancelled = Ledger.Entry(visitor: T.visitor, host: T.host, analysis: Analysis(P.signed + [cancel]))
        let unsigned = Ledger.Entry(visitor: T.visitor, host: T.host, analysis: Analysis(Array(P.signed.dropLast())))
        let ledger = Ledger([done, noShow, cancelled, unsigned], sectors: sectors, today: T.after)
        #expect(ledger[T.host].hostedDays == 3 && ledger[T.host].sentDays == 0, "8 to 10 March: three days")
        #expect(ledger[T.host].hostedBySector == [.informationOrientation: 3])
        #expect(ledger[T.visitor].sentDays == 3 && ledger[T.visitor].sentBySector == [.sanitaire: 3] && ledger[T.visitor].balance == -3)
        #expect(Ledger([done], sectors: sectors, today: T.before)[T.host].hostedDays == 0, "not before the dates are past")
        #expect(ledger[T.stranger] == Ledger.Account())
        // The same records in another order give the same ledger.
        #expect(Ledger([unsigned, cancelled, noShow, done], sectors: sectors, today: T.after) == ledger)
    }
}
