import Exchange
import Foundation
import Records
import Storage
import Workflow

/// One immersion as a person of either structure sees it: the request, where it stands, the
/// forms for the steps this person may take now, the convention, evaluations and timeline.
struct ImmersionPage: PageModel {
    static let template = "immersion"

    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// Three separate forms, none chosen in advance: accept, propose other dates, decline.
    struct AnswerForm: Sendable {
        let summary: ErrorSummary
        let acceptFrom: String
        let acceptTo: String
        let acceptPeriodError: String?
        let hours: String
        let places: String
        let programme: String
        let practicalNotes: String
        let counterFrom: String
        let counterTo: String
        let counterPeriodError: String?
        let counterText: String
        let reasons: [Choice]
        let reasonError: String?
        let declineText: String
        let textError: String?
    }

    struct SignButton: Sendable {
        let party: String
        let label: String
    }

    struct ConventionBlock: Sendable {
        let version: String
        let date: String
        let hash: String
        let parties: [ImmersionWording.PartyStatus]
        let signable: [SignButton]
        let changes: String?
    }

    struct EditForm: Sendable {
        let from: String
        let to: String
        let hours: String
        let places: String
        let programme: String
        let practicalNotes: String
        let visitorPhone: String
        let employerPhone: String
        let hostPhone: String
    }

    /// No answer is chosen in advance: skipping a question never reports top marks.
    struct EvaluationForm: Sendable {
        let summary: ErrorSummary
        let heading: String
        let attendedQuestion: String
        let attendedYes: Bool
        let attendedNo: Bool
        let attendedError: String?
        let satisfactionChoices: [Choice]
        let recommendChoices: [Choice]
        let recommendError: String?
        let visitor: Bool
        let expected: String
        let observed: String
        let changedView: String
        let comments: String
        let practiceChanges: String
    }

    struct Evaluation: Sendable {
        let who: String
        let attended: String
        let expected: String
        let observed: String
        let changedView: String
        let satisfaction: String?
        let recommend: String?
        let comments: String
        let practiceChanges: String
        let debrief: [DebriefSection.Answer]
    }

    let id: String
    let csrf: String
    /// The one-time token of this page's forms (a replayed submission writes nothing).
    let formToken: String
    let notice: String?
    let refusal: String?
    let visitorName: String
    let visitorJob: String
    let visitorStructure: String
    let hostName: String
    /// "chez le CMP …", for the heading.
    let atHost: String
    let offer: String
    let requestedDates: String
    let objective: String
    let experience: String
    let state: String
    let timeline: [ImmersionWording.TimelineEntry]
    let crossed: Bool
    let crossedID: String?
    let crossedText: String?
    let answerForm: AnswerForm?
    let agreeDates: String?
    let convention: ConventionBlock?
    let editForm: EditForm?
    let preparation: PreparationSection?
    let welcome: WelcomeSection?
    let debrief: DebriefSection?
    let followUp: FollowUpSection?
    let evaluationForm: EvaluationForm?
    let evaluations: [Evaluation]
    let attestation: Bool
    /// The attestation's credential (the signed .jwt) is on this node, to download.
    let credential: Bool
    let cancelForm: Bool

    var hasFormErrors: Bool {
        (answerForm?.summary.hasErrors ?? false) || (evaluationForm?.summary.hasErrors ?? false) || preparation?.error != nil || refusal != nil
            || !(followUp?.errors.isEmpty ?? true)
    }

    /// The answers to "would you recommend it?": yes, no, or that one cannot say.
    static let recommendAnswers = [
        (value: "1", label: "Oui"), (value: "0", label: "Non"), (value: "sans-avis", label: "Je ne sais pas, ou sans objet"),
    ]

    /// The hours proposed when nothing else is known.
    static let defaultHours = "9 h – 17 h"

    /// Where each field's error points, and how the summary names it.
    static let anchors = [
        "decision": "answer-accept", "reason": "reason", "text": "decline-text", "attended": "attended-yes", "wouldRecommend": "recommend-1",
        "satisfaction": "satisfaction", "confirm": "confirm",
    ]
    static let fieldLabels = [
        "period": "Dates", "decision": "Votre réponse", "reason": "Raison du refus", "text": "Message", "hours": "Horaires", "places": "Lieux",
        "programme": "Programme", "attended": "Présence", "expected": "Effets attendus", "observed": "Ce que vous avez observé",
        "changedView": "Ce qui a changé dans votre regard", "satisfaction": "Satisfaction", "wouldRecommend": "Recommandation",
        "comments": "Commentaires", "practiceChanges": "Ce que je vais changer",
    ]

    /// What the page needs to know besides the immersion.
    struct Viewer {
        let actor: Actor
        let csrf: String
        let formToken: String
        /// This node's structure.
        let structure: String
        let desk: ImmersionDesk
        let names: [String: StructureName]
        let today: Day
    }

    /// `form` and `issues`: a refused submission, typed back with its errors.
    init(
        _ immersion: Immersion,
        among all: [Immersion],
        offer: Offer?,
        viewer: Viewer,
        credential: Bool = false,
        notice: String? = nil,
        refusal: String? = nil,
        form: Form? = nil,
        issues: [ValidationIssue] = []
    ) {
        let (actor, names, today, desk, me) = (viewer.actor, viewer.names, viewer.today, viewer.desk, viewer.structure)
        let state = immersion.state(today: today)
        id = immersion.id
        csrf = viewer.csrf
        formToken = viewer.formToken
        self.notice = notice
        self.refusal = refusal
        visitorName = immersion.request.visitorName
        visitorJob = immersion.request.visitorJob
        let host = names[immersion.hostStructure] ?? .unknown
        visitorStructure = (names[immersion.visitorStructure] ?? .unknown).name
        hostName = host.name
        atHost = host.at
        self.offer = immersion.request.offer
        requestedDates = French.dates(immersion.request.period)
        objective = immersion.request.objective
        experience = immersion.request.experience
        self.state = ImmersionWording.state(state, names: names)
        timeline = ImmersionWording.timeline(immersion, names: names)
        let other = immersion.crossHosting(among: all, today: today)
        crossed = other != nil
        crossedID = other?.id
        crossedText = other.map {
            "\(French.capitalized((names[$0.visitorStructure] ?? StructureName("autre structure", article: .elided)).the)) demande aussi une immersion \((names[$0.hostStructure] ?? .unknown).at) ; chacune accueille un professionnel de l'autre."
        }

        preparation = PreparationSection(immersion, viewer: viewer, form: form, issues: issues)
        welcome = WelcomeSection(immersion, viewer: viewer)
        debrief = DebriefSection(immersion, viewer: viewer, form: form)
        followUp = FollowUpSection(immersion, viewer: viewer, form: form, issues: issues)
        var errors: [String: String] = [:]
        // The follow-up's problems are shown in its own section.
        for issue in issues where !FollowUpSection.fields.contains(String(issue.field.prefix { $0 != "[" })) {
            errors[issue.field.hasPrefix("period") ? "period" : issue.field] = issue.sentence
        }
        let decision = form?["decision"] ?? ""
        // A dates error belongs to the form that was sent.
        let periodAnchor = decision == "counter" ? "counter-from" : decision == "accept" ? "accept-from" : "edit-from"
        let summary = ErrorSummary(
            errors.sorted { $0.key < $1.key }.map {
                .init(
                    anchor: $0.key == "period" ? periodAnchor : Self.anchors[$0.key] ?? $0.key,
                    label: Self.fieldLabels[$0.key] ?? "Formulaire",
                    message: $0.value
                )
            }
        )
        let defaultPlaces = offer.map { "\($0.establishment), \($0.commune)" } ?? ""
        let isHostReferent = immersion.hostStructure == me && actor.role >= .referent

        if isHostReferent, case .requested = state {
            let sent = { (kind: String, key: String) in decision == kind ? form?[key] : nil }
            answerForm = AnswerForm(
                summary: summary,
                acceptFrom: sent("accept", "from") ?? immersion.request.period.from.description,
                acceptTo: sent("accept", "to") ?? immersion.request.period.to.description,
                acceptPeriodError: decision == "accept" ? errors["period"] : nil,
                hours: sent("accept", "hours") ?? Self.defaultHours,
                places: sent("accept", "places") ?? defaultPlaces,
                programme: sent("accept", "programme") ?? offer?.proposedContents ?? "",
                practicalNotes: sent("accept", "practicalNotes") ?? "",
                counterFrom: sent("counter", "from") ?? "",
                counterTo: sent("counter", "to") ?? "",
                counterPeriodError: decision == "counter" ? errors["period"] : nil,
                counterText: sent("counter", "text") ?? "",
                reasons: ImmersionAnswer.Reason.allCases.map {
                    Choice(
                        value: $0.rawValue,
                        label: French.capitalized(ImmersionWording.reason($0)),
                        selected: decision == "decline" && form?["reason"] == $0.rawValue
                    )
                },
                reasonError: errors["reason"],
                declineText: sent("decline", "text") ?? "",
                textError: errors["text"]
            )
        } else {
            answerForm = nil
        }

        if case .counterProposed(let p) = state, immersion.visitorStructure == me,
            actor.role >= .referent || actor.email.lowercased() == immersion.request.visitorEmail.lowercased()
        {
            agreeDates = French.dates(p)
        } else {
            agreeDates = nil
        }

        if let current = immersion.conventions.last {
            let count = immersion.conventions.count
            convention = ConventionBlock(
                version: "\(count)",
                date: French.dateTime(current.entry.created),
                hash: current.convention.versionHash,
                parties: ImmersionWording.signatures(immersion),
                signable: desk.signableParties(immersion, by: actor, today: today).map {
                    SignButton(party: $0.rawValue, label: ImmersionWording.signingFor($0))
                },
                changes: count > 1 ? ImmersionWording.changes(current.convention.changes(since: immersion.conventions[count - 2].convention)) : nil
            )
        } else {
            convention = nil
        }

        switch state {
        case .awaitingSignatures, .confirmed:
            guard isHostReferent else {
                editForm = nil
                break
            }
            let c = immersion.currentConvention
            let p = immersion.period
            editForm = EditForm(
                from: form?["from"] ?? p.from.description,
                to: form?["to"] ?? p.to.description,
                hours: form?["hours"] ?? c?.hours ?? Self.defaultHours,
                places: form?["places"] ?? c?.places ?? defaultPlaces,
                programme: form?["programme"] ?? c?.programme ?? offer?.proposedContents ?? "",
                practicalNotes: form?["practicalNotes"] ?? c?.practicalNotes ?? "",
                visitorPhone: c?.visitor.phone ?? "",
                employerPhone: c?.employer.phone ?? "",
                hostPhone: c?.host.phone ?? ""
            )
        default:
            editForm = nil
        }

        if let role = desk.evaluationRole(immersion, by: actor, today: today) {
            evaluationForm = EvaluationForm(
                summary: summary,
                heading: role == .visitor ? "Évaluer votre immersion" : "Évaluer l'immersion",
                attendedQuestion: role == .visitor ? "Avez-vous effectué l'immersion ?" : "La personne est-elle venue ?",
                attendedYes: form?["attended"] == "1",
                attendedNo: form?["attended"] == "0",
                attendedError: errors["attended"],
                satisfactionChoices: (1...5).map { Choice(value: "\($0)", label: "\($0)", selected: form?["satisfaction"] == "\($0)") },
                recommendChoices: Self.recommendAnswers.map {
                    Choice(value: $0.value, label: $0.label, selected: form?["wouldRecommend"] == $0.value)
                },
                recommendError: errors["wouldRecommend"],
                visitor: role == .visitor,
                expected: form?["expected"] ?? (role == .visitor ? offer?.expectedEffectsVisitor : offer?.expectedEffectsHost) ?? "",
                observed: form?["observed"] ?? "",
                changedView: form?["changedView"] ?? "",
                comments: form?["comments"] ?? "",
                practiceChanges: form?["practiceChanges"] ?? ""
            )
        } else {
            evaluationForm = nil
        }

        evaluations = [immersion.analysis.visitorEvaluation, immersion.analysis.hostEvaluation].compactMap { $0 }.map { e in
            Evaluation(
                who: e.role == .visitor ? "par la personne accueillie" : "par la structure d'accueil",
                attended: e.attended ? "Venue" : "Pas venue",
                expected: e.expected,
                observed: e.observed,
                changedView: e.changedView,
                satisfaction: e.satisfaction.map(String.init),
                recommend: e.attended ? e.wouldRecommend.map { $0 ? "Oui" : "Non" } ?? "Ne sait pas, ou sans objet" : nil,
                comments: e.comments,
                practiceChanges: e.practiceChanges,
                debrief: DebriefSection.answers(e)
            )
        }
        attestation = immersion.analysis.attestationAvailable(today: today)
        self.credential = credential
        cancelForm = desk.mayCancel(immersion, by: actor, today: today)
    }
}
