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

    /// The steps, by the last segment of the address they are posted to.
    static let names = ["reponse", "dates", "convention", "signature", "preparation", "accueil", "annulation", "evaluation", "suivi"]

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
            try desk.sign(immersion.id, as: party, version: form["version"], confirmed: form["confirm"] == "1", by: actor, today: today, now: now)
            return "signature"
        case "preparation":
            try desk.prepare(immersion.id, objectives: form["objectives"], questions: form.all("question"), by: actor, today: today, now: now)
            return "preparation"
        case "accueil":
            try WelcomeChecklist(node: desk.node).tick(immersion.id, items: Set(form.all("point")), by: actor, today: today)
            return "accueil"
        case "annulation":
            try desk.cancel(immersion.id, reason: form["reason"], by: actor, today: today, now: now)
            return "annulation"
        case "evaluation":
            guard let role = desk.evaluationRole(immersion, by: actor, today: today) else {
                throw Refusal("Aucune évaluation n'est attendue de votre part pour cette immersion.")
            }
            try desk.evaluate(immersion.id, evaluation(form, role: role, immersion: immersion.id), by: actor, today: today, now: now)
            return "evaluation"
        case "suivi":
            try desk.followUp(immersion.id, try followUp(form, immersion: immersion.id), by: actor, today: today, now: now)
            return "suivi"
        default:
            throw PageError.notFound
        }
    }

    /// The follow-up as the form gives it: each yes or no was chosen by the person, none by default.
    func followUp(_ form: Form, immersion: String) throws -> ImmersionFollowUp {
        func yesNo(_ key: String) -> Bool? {
            switch form[key] {
            case "1": true
            case "0": false
            default: nil
            }
        }
        var issues: [ValidationIssue] = []
        let worked = yesNo("workedTogether")
        if worked == nil {
            issues.append(ValidationIssue(field: "workedTogether", message: "dites si vos structures ont travaillé ensemble depuis l'immersion."))
        }
        let knows = yesNo("knowsWhomToCall")
        if knows == nil {
            issues.append(ValidationIssue(field: "knowsWhomToCall", message: "dites si vous savez qui appeler dans l'autre structure."))
        }
        let listed = worked == true ? yesNo("listInDirectory") : false
        if listed == nil {
            issues.append(
                ValidationIssue(field: "listInDirectory", message: "dites si ce partenariat peut figurer dans l'annuaire du réseau (oui ou non).")
            )
        }
        let kinds = ImmersionFollowUp.JointWork.allCases.filter { form.all("jointWork").contains($0.rawValue) }
        let followUp = ImmersionFollowUp(
            request: immersion,
            months: Int(form["months"]) ?? 0,
            workedTogether: worked ?? false,
            // Ticked boxes count only with a "yes": a "no" after ticking keeps nothing of them.
            jointWork: worked == true ? kinds : [],
            knowsWhomToCall: knows ?? false,
            practice: form["practice"].replacingOccurrences(of: "\r\n", with: "\n"),
            listInDirectory: listed ?? false
        )
        do {
            let validated = try followUp.validated()
            if issues.isEmpty { return validated }
        } catch {
            issues += error.issues.filter { issue in !issues.contains { $0.field == issue.field } }
        }
        throw ValidationError(issues)
    }

    /// The evaluation as the form gives it: every answer was chosen by the person, none by default.
    func evaluation(_ form: Form, role: ImmersionEvaluation.Role, immersion: String) throws -> ImmersionEvaluation {
        let attended: Bool? =
            switch form["attended"] {
            case "1": true
            case "0": false
            default: nil
            }
        guard let attended else {
            let question = role == .visitor ? "indiquez si vous avez effectué l'immersion." : "indiquez si la personne est venue."
            throw ValidationError([ValidationIssue(field: "attended", message: question)])
        }
        var issues: [ValidationIssue] = []
        var recommend: Bool?
        switch form["wouldRecommend"] {
        case "1": recommend = true
        case "0": recommend = false
        case "sans-avis": recommend = nil
        default:
            if attended {
                issues.append(
                    ValidationIssue(field: "wouldRecommend", message: "dites si vous recommanderiez cette immersion (ou « je ne sais pas »).")
                )
            }
        }
        let evaluation = ImmersionEvaluation(
            request: immersion,
            role: role,
            attended: attended,
            expected: form["expected"],
            observed: form["observed"],
            changedView: form["changedView"],
            satisfaction: attended ? Int(form["satisfaction"]) : nil,
            wouldRecommend: attended ? recommend : nil,
            comments: form["comments"],
            practiceChanges: role == .visitor ? form["practiceChanges"] : "",
            // The référentiel's debrief, as the form showed it; nothing of it when the visitor did not come.
            framework: attended && !form.all("debriefQuestion").isEmpty ? form["framework"] : nil,
            debrief: attended
                ? zip(form.all("debriefQuestion"), form.all("debriefAnswer")).map {
                    ImmersionEvaluation.DebriefAnswer(question: $0.0, answer: $0.1.replacingOccurrences(of: "\r\n", with: "\n"))
                } : []
        )
        // Every problem at once: the record's own and the unanswered question.
        do {
            let validated = try evaluation.validated()
            if issues.isEmpty { return validated }
        } catch {
            issues = error.issues + issues
        }
        throw ValidationError(issues)
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
