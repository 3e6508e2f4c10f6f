import Foundation
import Hummingbird
import Records
import Storage

/// The host-offer form ("Fiche offre accueil"): create, edit, save as draft, publish, pause, archive.
/// Every save signs a new version of the record.
extension Site {
    struct FormField {
        let key: String
        let label: String
        let help: String?
        let kind: Kind
        let required: Bool
        enum Kind { case line, text, number, email, date }
    }

    /// In the order of the source form, with help taken from its intent.
    static let offerFields: [FormField] = [
        .init(
            key: "hostStructure",
            label: "Nom de la structure d'accueil",
            help: "Le nom sous lequel les partenaires vous connaissent.",
            kind: .line,
            required: true
        ),
        .init(
            key: "establishment",
            label: "Établissement ou lieu concerné",
            help: "Le service ou le site où se déroule l'immersion.",
            kind: .line,
            required: true
        ),
        .init(key: "commune", label: "Commune", help: nil, kind: .line, required: true),
        .init(
            key: "observableMissions",
            label: "Missions observables",
            help: "Ce que la personne accueillie pourra voir de vos missions, concrètement.",
            kind: .text,
            required: true
        ),
        .init(
            key: "observableJobProfiles",
            label: "Profils de poste observables",
            help: "Les métiers qu'elle pourra observer au travail.",
            kind: .text,
            required: true
        ),
        .init(
            key: "observerProfile",
            label: "Profil de l'observateur",
            help:
                "À qui s'adresse l'offre : métier, expérience. L'échange concerne des professionnels en exercice, pas des stagiaires en formation initiale.",
            kind: .text,
            required: true
        ),
        .init(
            key: "durationHalfDays",
            label: "Durée de l'accueil, en demi-journées",
            help: "De 1 à 10 ; deux ou trois jours font 4 à 6 demi-journées.",
            kind: .number,
            required: true
        ),
        .init(key: "capacity", label: "Nombre de personnes accueillies par période", help: "De 1 à 20.", kind: .number, required: true),
        .init(
            key: "proposedContents",
            label: "Contenus proposés (instances, lieux, etc.)",
            help: "Réunions, instances, lieux et temps de travail que la personne pourra suivre.",
            kind: .text,
            required: true
        ),
        .init(key: "contact.name", label: "Contact au sein de la structure : nom", help: nil, kind: .line, required: true),
        .init(key: "contact.role", label: "Contact : fonction", help: nil, kind: .line, required: true),
        .init(key: "contact.email", label: "Contact : adresse électronique professionnelle", help: nil, kind: .email, required: true),
        .init(key: "contact.phone", label: "Contact : téléphone", help: nil, kind: .line, required: false),
        .init(
            key: "supportingDocuments",
            label: "Documents d'appui disponibles",
            help: "Un document par ligne (livret d'accueil, projet de service…).",
            kind: .text,
            required: false
        ),
        .init(
            key: "specialConditions",
            label: "Éventuelles conditions particulières",
            help: "Confidentialité, tenue, horaires, accord des jeunes et des familles…",
            kind: .text,
            required: false
        ),
        .init(
            key: "expectedEffectsHost",
            label: "Effets attendus pour la structure d'accueil",
            help: "Ce que votre structure espère de cet échange.",
            kind: .text,
            required: true
        ),
        .init(
            key: "expectedEffectsVisitor",
            label: "Effets attendus pour la personne accueillie",
            help: "Ce que la personne devrait mieux comprendre en repartant.",
            kind: .text,
            required: true
        ),
        .init(key: "writtenBy", label: "Fiche rédigée par", help: nil, kind: .line, required: true),
        .init(key: "writtenOn", label: "Fiche rédigée le", help: nil, kind: .date, required: true),
    ]

    static func formID(_ key: String) -> String { key.replacingOccurrences(of: ".", with: "_") }

    func addOfferFormRoutes(_ router: Router<SiteContext>) {
        router.get("/offres/nouvelle") { _, context in
            await page(context) {
                let session = try require(context, .referent)
                let profile = try node.profile()
                let contact = profile?.resourcePerson
                let values: [String: String] = [
                    "hostStructure": profile?.name ?? "", "commune": profile?.establishments.first?.commune ?? "",
                    "contact.name": contact?.name ?? session.account.name, "contact.role": contact?.role ?? "",
                    "contact.email": contact?.email ?? session.account.email, "contact.phone": contact?.phone ?? "",
                    "writtenBy": session.account.name, "writtenOn": Day.today().description,
                ]
                return offerForm(session: session, context: context, record: nil, values: values, periods: [], issues: [])
            }
        }
        router.post("/offres") { request, context in
            await page(context) { try await saveOffer(request, context: context, record: nil) }
        }
        router.get("/offres/{id}/modifier") { _, context in
            await page(context) {
                let session = try require(context, .referent)
                let (record, offer) = try ownOffer(context)
                var values: [String: String] = [:]
                if case .object(let o) = offer.json {
                    for (key, value) in o {
                        if let s = value.stringValue { values[key] = s } else if let i = value.integerValue { values[key] = String(i) }
                    }
                }
                values["contact.name"] = offer.contact.name
                values["contact.role"] = offer.contact.role
                values["contact.email"] = offer.contact.email
                values["contact.phone"] = offer.contact.phone
                values["supportingDocuments"] = offer.supportingDocuments.joined(separator: "\n")
                let periods = offer.possiblePeriods.map { ($0.from.description, $0.to.description) }
                return offerForm(session: session, context: context, record: record.record, values: values, periods: periods, issues: [])
            }
        }
        router.post("/offres/{id}") { request, context in
            await page(context) {
                let (record, _) = try ownOffer(context)
                return try await saveOffer(request, context: context, record: record.record)
            }
        }
    }

    /// One of our own offers (only its structure may edit it).
    func ownOffer(_ context: SiteContext) throws -> (StoredRecord, Offer) {
        _ = try require(context, .referent)
        guard let id = context.parameters.get("id"), let record = try store.currentRecord(id), record.type == .offer, !record.retracted,
            let offer = try? record.decode(Offer.self)
        else { throw PageError.notFound }
        guard record.origin == node.structureID else { throw PageError.forbidden }
        return (record, offer)
    }

    func saveOffer(_ request: Request, context: SiteContext, record: String?) async throws -> Response {
        let session = try require(context, .referent)
        let form = try await Form.read(request, context: context)
        try checkCSRF(form, session)
        var values: [String: String] = [:]
        for field in Self.offerFields { values[field.key] = form[Self.formID(field.key)] }
        let periods = zip(form.all("period_from"), form.all("period_to")).filter { !$0.0.isEmpty || !$0.1.isEmpty }
        func number(_ key: String) -> JSONValue {
            let text = values[key]?.trimmingCharacters(in: .whitespaces) ?? ""
            if let n = Int64(text) { return .integer(n) }
            return text.isEmpty ? .null : .string(text)
        }
        var json: [String: JSONValue] = [:]
        for field in Self.offerFields where !field.key.hasPrefix("contact.") && field.kind != .number && field.key != "supportingDocuments" {
            json[field.key] = .string(values[field.key] ?? "")
        }
        json["durationHalfDays"] = number("durationHalfDays")
        json["capacity"] = number("capacity")
        json["contact"] = .object([
            "name": .string(values["contact.name"] ?? ""), "role": .string(values["contact.role"] ?? ""),
            "email": .string(values["contact.email"] ?? ""), "phone": .string(values["contact.phone"] ?? ""),
        ])
        json["supportingDocuments"] = .array(
            (values["supportingDocuments"] ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { .string($0) }
        )
        json["possiblePeriods"] = .array(periods.map { .object(["from": .string($0.0), "to": .string($0.1)]) })
        json["status"] = .string(form["status"])
        for (key, value) in json where value == .null { json[key] = nil }
        do {
            let offer = try Offer.validated(.object(json))
            let envelope = try store.append(offer, record: record, as: node.author)
            return redirect("/offres/\(envelope.header.record)")
        } catch let error as ValidationError {
            var response = offerForm(session: session, context: context, record: record, values: values, periods: periods, issues: error.issues)
            response.status = .badRequest
            return response
        }
    }

    func offerForm(
        session: Session,
        context: SiteContext,
        record: String?,
        values: [String: String],
        periods: [(String, String)],
        issues: [ValidationIssue]
    ) -> Response {
        // Problems are tied to the field they concern; nested paths fold onto their form field.
        var errors: [String: String] = [:]
        var periodErrors: [String] = []
        for issue in issues {
            if issue.field.hasPrefix("possiblePeriods") {
                periodErrors.append(issue.field == "possiblePeriods" ? issue.message : "période \(Self.periodNumber(issue.field)) : \(issue.message)")
            } else {
                let key = issue.field.hasPrefix("supportingDocuments") ? "supportingDocuments" : issue.field
                errors[key] = errors[key].map { "\($0) \(issue.message)" } ?? issue.message.prefix(1).uppercased() + issue.message.dropFirst()
            }
        }
        let fields: [[String: Any]] = Self.offerFields.map { field in
            let id = Self.formID(field.key)
            let error = errors[field.key]
            let describedBy = [field.help.map { _ in "\(id)-aide" }, error.map { _ in "\(id)-erreur" }].compactMap { $0 }.joined(separator: " ")
            var item: [String: Any] = [
                "id": id, "name": id, "label": field.label, "help": field.help as Any, "required": field.required,
                "value": values[field.key] ?? "", "error": error as Any, "describedBy": describedBy.isEmpty ? nil as String? as Any : describedBy,
            ]
            switch field.kind {
            case .text: item["textarea"] = true
            case .line:
                item["input"] = true
                item["type"] = "text"
            case .number:
                item["input"] = true
                item["type"] = "number"
            case .email:
                item["input"] = true
                item["type"] = "email"
            case .date:
                item["input"] = true
                item["type"] = "date"
            }
            return item
        }
        let rows = periods + Array(repeating: ("", ""), count: max(2, 4 - periods.count))
        var summary: [[String: String]] = Self.offerFields.compactMap { field in
            errors[field.key].map { ["anchor": Self.formID(field.key), "label": field.label, "message": $0] }
        }
        if !periodErrors.isEmpty {
            summary.append(["anchor": "period_from_1", "label": "Périodes possibles", "message": periodErrors.joined(separator: " ; ")])
        }
        if let status = issues.first(where: { $0.field == "status" }) {
            summary.append(["anchor": "contenu", "label": "État de la fiche", "message": status.message])
        }
        let data: [String: Any] = [
            "heading": record == nil ? "Proposer un accueil" : "Modifier l'offre d'accueil",
            "action": record.map { "/offres/\($0)" } ?? "/offres", "csrf": session.csrfToken, "editing": record != nil,
            "fields": fields, "periods": rows.enumerated().map { ["n": $0.offset + 1, "from": $0.element.0, "to": $0.element.1] },
            "periodsError": periodErrors.isEmpty ? nil as String? as Any : periodErrors.joined(separator: " ; "),
            "hasErrors": !summary.isEmpty, "errorCount": summary.count, "plural": summary.count > 1, "errors": summary,
        ]
        return render("offerForm", data, title: record == nil ? "Proposer un accueil" : "Modifier l'offre", context: context)
    }

    static func periodNumber(_ path: String) -> Int {
        guard let open = path.firstIndex(of: "["), let close = path.firstIndex(of: "]"), let n = Int(path[path.index(after: open)..<close]) else {
            return 1
        }
        return n + 1
    }
}
