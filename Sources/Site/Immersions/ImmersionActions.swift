import Exchange
import Foundation
import Records
import Workflow

/// The steps a person takes on an immersion's page, each posted to `/immersions/{id}/{action}`.
/// The desk (Workflow) checks every rule; this only reads the form.
struct ImmersionActions {
    let desk: ImmersionDesk
    let actor: Actor
    let today: Day
    let now: Date

    /// Runs one posted action; returns the notice key to show after the redirect.
    func perform(_ action: String, on immersion: Immersion, form: Form) throws -> String {
        switch action {
        case "reponse":
            switch form["decision"] {
            case "accept": try desk.accept(immersion.id, terms: terms(form), by: actor, today: today, now: now)
            case "counter": try desk.counter(immersion.id, period: period(form), text: form["text"], by: actor, today: today, now: now)
            case "decline":
                try desk.decline(
                    immersion.id,
                    reason: ImmersionAnswer.Reason(rawValue: form["reason"]),
                    text: form["text"],
                    by: actor,
                    today: today,
                    now: now
                )
            default:
                throw ValidationError([
                    ValidationIssue(field: "decision", message: "choisissez une réponse : accepter, proposer d'autres dates ou refuser.")
                ])
            }
            return "reponse"
        case "dates":
            try desk.agreeToProposedDates(immersion.id, by: actor, today: today, now: now)
            return "dates"
        case "convention":
            try desk.reviseConvention(
                immersion.id,
                terms: terms(form),
                contacts: (form["visitorPhone"], form["employerPhone"], form["hostPhone"]),
                by: actor,
                today: today,
                now: now
            )
            return "convention"
        case "signature":
            guard let party = ConventionSignature.Party(rawValue: form["party"]) else { throw Refusal("Signature incomplète : rechargez la page.") }
            try desk.sign(immersion.id, as: party, version: form["version"], by: actor, today: today, now: now)
            return "signature"
        case "annulation":
            try desk.cancel(immersion.id, reason: form["reason"], by: actor, today: today, now: now)
            return "annulation"
        case "evaluation":
            guard let role = desk.evaluationRole(immersion, by: actor, today: today) else {
                throw Refusal("Aucune évaluation n'est attendue de votre part pour cette immersion.")
            }
            let attended = form["attended"] != "0"
            let evaluation = ImmersionEvaluation(
                request: immersion.id,
                role: role,
                attended: attended,
                expected: form["expected"],
                observed: form["observed"],
                changedView: form["changedView"],
                satisfaction: attended ? Int(form["satisfaction"]) : nil,
                wouldRecommend: attended ? form["wouldRecommend"] == "1" : nil,
                comments: form["comments"],
                practiceChanges: role == .visitor ? form["practiceChanges"] : ""
            )
            try desk.evaluate(immersion.id, evaluation, by: actor, today: today, now: now)
            return "evaluation"
        default:
            throw PageError.notFound
        }
    }

    func period(_ form: Form) throws -> Period {
        guard let from = Day(form["from"]), let to = Day(form["to"]) else {
            throw ValidationError([ValidationIssue(field: "period", message: "indiquez les dates (premier et dernier jour).")])
        }
        guard from <= to else { throw ValidationError([ValidationIssue(field: "period", message: "la date de fin précède la date de début.")]) }
        return Period(from: from, to: to)
    }

    func terms(_ form: Form) throws -> AcceptanceTerms {
        AcceptanceTerms(
            period: try period(form),
            hours: form["hours"],
            places: form["places"],
            programme: form["programme"],
            practicalNotes: form["practicalNotes"]
        )
    }
}
