import Foundation
import Hummingbird
import Records
import Storage

/// The shared directory ("annuaire partagé"), discovery requests and the shared glossary.
extension Site {
    func addDirectoryRoutes(_ router: Router<SiteContext>) {
        router.get("/annuaire") { _, context in
            await page(context) {
                _ = try require(context)
                let profiles = try store.currentRecords(type: .structureProfile).compactMap { record -> (String, StructureProfile)? in
                    (try? record.decode(StructureProfile.self)).map { (record.origin, $0) }
                }
                let counts = try store.publishedOfferCounts()
                let groups: [[String: Any]] = Sector.allCases.compactMap { sector in
                    let members = profiles.filter { $0.1.sector == sector }.sorted { $0.1.name < $1.1.name }
                    guard !members.isEmpty else { return nil }
                    return [
                        "value": sector.rawValue, "label": sector.label, "examples": sector.examples,
                        "structures": members.map { origin, profile in
                            let count = counts[origin] ?? 0
                            return [
                                "id": origin, "name": profile.name, "subType": profile.subType,
                                "resource": profile.resourcePerson.map { ["name": $0.name, "role": $0.role, "email": $0.email] } as Any,
                                "offerCount": count == 0
                                    ? "Pas encore d'offre publiée" : "\(count) offre\(count > 1 ? "s" : "") publiée\(count > 1 ? "s" : "")",
                            ] as [String: Any]
                        },
                    ]
                }
                return render("directory", ["groups": groups, "empty": groups.isEmpty], title: "Annuaire partagé", context: context)
            }
        }
        router.get("/annuaire/{id}") { _, context in
            await page(context) {
                _ = try require(context)
                guard let id = context.parameters.get("id"), let record = try store.currentRecords(type: .structureProfile, origin: id).first,
                    let profile = try? record.decode(StructureProfile.self)
                else { throw PageError.notFound }
                let glossary = try Glossary(store: store)
                var query = OfferQuery(limit: 500)
                query.origin = id
                let offers = try store.searchOffers(query).hits
                let data: [String: Any] = [
                    "name": profile.name, "sector": profile.sector.label, "subType": profile.subType,
                    "description": profile.description.isEmpty ? nil as String? as Any : glossary.annotate(profile.description),
                    "resource": profile.resourcePerson.map { ["name": $0.name, "role": $0.role, "email": $0.email, "phone": $0.phone] } as Any,
                    "establishments": profile.establishments.map { ["name": $0.name, "commune": $0.commune] },
                    "offers": offers.map { ["record": $0.record, "establishment": $0.offer.establishment, "commune": $0.offer.commune] },
                    "noOffers": offers.isEmpty,
                ]
                return render("structure", data, title: profile.name, context: context)
            }
        }
        router.get("/lexique") { _, context in
            await page(context) {
                _ = try require(context)
                let entries = try Glossary(store: store).entries
                return render(
                    "glossary",
                    [
                        "entries": entries.map { ["term": $0.term, "expansion": $0.expansion, "definition": $0.definition] },
                        "empty": entries.isEmpty,
                    ],
                    title: "Lexique partagé",
                    context: context
                )
            }
        }
    }

    func addDemandRoutes(_ router: Router<SiteContext>) {
        router.get("/demandes") { request, context in
            await page(context) {
                _ = try require(context)
                let created = request.uri.queryParameters["nouvelle"].map(String.init)
                return try demandsPage(context: context, created: created)
            }
        }
        router.get("/demandes/nouvelle") { _, context in
            await page(context) {
                let session = try require(context)
                let profile = try node.profile()
                return demandForm(
                    session: session,
                    context: context,
                    values: ["name": session.account.name, "structure": profile?.name ?? ""],
                    sectors: [],
                    issues: []
                )
            }
        }
        router.post("/demandes") { request, context in
            await page(context) {
                let session = try require(context)
                let form = try await Form.read(request, context: context)
                try checkCSRF(form, session)
                var values: [String: String] = [:]
                for field in Self.demandFields { values[field.key] = form[Self.formID(field.key)] }
                let sectors = form.all("sectors")
                let json: JSONValue = .object([
                    "requester": .object([
                        "name": .string(values["requester.name"] ?? ""), "job": .string(values["requester.job"] ?? ""),
                        "structure": .string(values["requester.structure"] ?? ""),
                    ]),
                    "sectors": .array(sectors.map { .string($0) }),
                    "missions": .string(values["missions"] ?? ""), "objective": .string(values["objective"] ?? ""),
                    "possiblePeriods": .array([.object(["from": .string(values["from"] ?? ""), "to": .string(values["to"] ?? "")])]),
                    "durationHalfDays": Int64(values["durationHalfDays"] ?? "").map { .integer($0) } ?? .string(values["durationHalfDays"] ?? ""),
                    "status": .string("open"),
                ])
                do {
                    let demand = try Demand.validated(json)
                    let envelope = try store.append(demand, as: node.author)
                    return redirect("/demandes?nouvelle=\(envelope.header.record)")
                } catch let error as ValidationError {
                    var response = demandForm(session: session, context: context, values: values, sectors: sectors, issues: error.issues)
                    response.status = .badRequest
                    return response
                }
            }
        }
    }

    static let demandFields: [FormField] = [
        .init(key: "requester.name", label: "Votre nom", help: nil, kind: .line, required: true),
        .init(key: "requester.job", label: "Votre métier", help: nil, kind: .line, required: true),
        .init(key: "requester.structure", label: "Votre structure", help: nil, kind: .line, required: true),
        .init(key: "missions", label: "Missions que vous aimeriez découvrir", help: nil, kind: .text, required: true),
        .init(key: "from", label: "Disponible à partir du", help: nil, kind: .date, required: true),
        .init(key: "to", label: "Jusqu'au", help: nil, kind: .date, required: true),
        .init(key: "durationHalfDays", label: "Durée souhaitée, en demi-journées (1 à 10)", help: nil, kind: .number, required: true),
        .init(key: "objective", label: "Objectif de la découverte", help: nil, kind: .text, required: true),
    ]

    func demandForm(session: Session, context: SiteContext, values: [String: String], sectors: [String], issues: [ValidationIssue]) -> Response {
        func key(_ path: String) -> String {
            if path.hasPrefix("possiblePeriods") { return path.hasSuffix(".to") ? "to" : "from" }
            return path
        }
        var errors: [String: String] = [:]
        for issue in issues { errors[key(issue.field)] = issue.message.prefix(1).uppercased() + issue.message.dropFirst() }
        let sectorsError = issues.filter { $0.field.hasPrefix("sectors") }.map(\.message).first
        let fields: [[String: Any]] = Self.demandFields.map { field in
            var item: [String: Any] = [
                "id": Self.formID(field.key), "name": Self.formID(field.key), "label": field.label, "required": field.required,
                "value": values[field.key] ?? values[field.key.replacingOccurrences(of: "requester.", with: "")] ?? "",
                "error": errors[field.key] as Any,
            ]
            switch field.kind {
            case .text: item["textarea"] = true
            case .number:
                item["input"] = true
                item["type"] = "number"
            case .date:
                item["input"] = true
                item["type"] = "date"
            default:
                item["input"] = true
                item["type"] = "text"
            }
            return item
        }
        var summary: [[String: String]] = Self.demandFields.compactMap { field in
            errors[field.key].map { ["anchor": Self.formID(field.key), "label": field.label, "message": $0] }
        }
        if let sectorsError { summary.append(["anchor": "sector_sanitaire", "label": "Champs à découvrir", "message": sectorsError]) }
        let data: [String: Any] = [
            "csrf": session.csrfToken, "fields": fields,
            "sectorChoices": Sector.allCases.map { ["value": $0.rawValue, "label": $0.label, "checked": sectors.contains($0.rawValue)] },
            "sectorsError": sectorsError as Any,
            "hasErrors": !summary.isEmpty, "errorCount": summary.count, "plural": summary.count > 1, "errors": summary,
        ]
        return render("demandForm", data, title: "Écrire une demande de découverte", context: context)
    }

    func demandsPage(context: SiteContext, created: String?) throws -> Response {
        let records = try store.currentRecords(type: .demand).reversed()
        let items: [[String: Any]] = records.compactMap { record in
            guard let demand = try? record.decode(Demand.self), demand.status == .open else { return nil }
            return [
                "who": "\(demand.requesterName), \(demand.requesterJob) — \(demand.requesterStructure)",
                "sectors": demand.sectors.map(\.label).joined(separator: ", "),
                "periods": demand.possiblePeriods.map(OfferText.period).joined(separator: " ; "),
                "duration": OfferText.duration(demand.durationHalfDays), "missions": demand.missions, "objective": demand.objective,
            ]
        }
        var data: [String: Any] = ["items": items, "empty": items.isEmpty, "canWrite": true]
        if let created, let record = try store.currentRecord(created), let demand = try? record.decode(Demand.self) {
            data["created"] = true
            data["matches"] = try matchingOffers(demand).map {
                [
                    "record": $0.record, "establishment": $0.offer.establishment, "structure": $0.structureName ?? $0.offer.hostStructure,
                    "commune": $0.offer.commune,
                ]
            }
        }
        return render("demands", data, title: "Demandes de découverte", context: context)
    }

    /// Published offers of the sectors asked for, with a period overlapping the request.
    func matchingOffers(_ demand: Demand) throws -> [OfferHit] {
        var seen = Set<String>()
        var hits: [OfferHit] = []
        for sector in demand.sectors {
            for period in demand.possiblePeriods {
                for hit in try store.searchOffers(OfferQuery(sector: sector, month: period, limit: 50)).hits where seen.insert(hit.record).inserted {
                    hits.append(hit)
                }
            }
        }
        return hits
    }
}
