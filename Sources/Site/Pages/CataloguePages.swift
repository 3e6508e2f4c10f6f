import Foundation
import Hummingbird
import Records
import Storage

extension Site {
    static let pageSize = 20

    func addCatalogueRoutes(_ router: Router<SiteContext>) {
        router.get("/") { request, context in
            await page(context) {
                _ = try require(context)
                return try cataloguePage(request, context: context)
            }
        }
        router.get("/offres/{id}") { _, context in
            await page(context) {
                let session = try require(context)
                guard let id = context.parameters.get("id"), let record = try store.currentRecord(id), record.type == .offer,
                    !record.retracted, let offer = try? record.decode(Offer.self)
                else { throw PageError.notFound }
                // Drafts stay with their own structure.
                guard offer.status == .published || record.origin == node.structureID else { throw PageError.notFound }
                return try offerPage(record: record, offer: offer, session: session, context: context)
            }
        }
    }

    func cataloguePage(_ request: Request, context: SiteContext) throws -> Response {
        // Parsed like a form, so that "+" from a GET form reads as a space.
        let query = Form(encoded: request.uri.query ?? "")
        func param(_ name: String) -> String { query[name].trimmingCharacters(in: .whitespaces) }
        var search = OfferQuery(limit: Self.pageSize)
        var queryError: String?
        let text = param("q")
        if !text.isEmpty { search.text = text }
        let sector = Sector(rawValue: param("sector"))
        search.sector = sector
        if !param("commune").isEmpty { search.commune = param("commune") }
        if !param("month").isEmpty {
            if let month = Period.month(param("month")) {
                search.month = month
            } else {
                queryError = "Mois « \(param("month")) » non reconnu : choisissez un mois (AAAA-MM)."
            }
        }
        if let duration = Int(param("duration")), (1...10).contains(duration) { search.maxDurationHalfDays = duration }
        let places = param("places") == "1"
        if places { search.minimumCapacity = 1 }
        let pageNumber = max(1, Int(param("page")) ?? 1)
        search.offset = (pageNumber - 1) * Self.pageSize
        let result = try store.searchOffers(search)
        let glossary = try Glossary(store: store)
        let hits: [[String: Any]] = result.hits.map { hit in
            [
                "record": hit.record, "establishment": hit.offer.establishment, "structure": hit.structureName ?? hit.offer.hostStructure,
                "sector": hit.sector?.label ?? "", "commune": hit.offer.commune,
                "missions": glossary.annotate(
                    String(hit.offer.observableMissions.prefix(220)) + (hit.offer.observableMissions.count > 220 ? "…" : "")
                ),
                "duration": OfferText.duration(hit.offer.durationHalfDays), "capacity": OfferText.capacity(hit.offer.capacity),
                "periods": hit.offer.possiblePeriods.map(OfferText.period).joined(separator: " ; "),
            ]
        }
        let pages = max(1, (result.total + Self.pageSize - 1) / Self.pageSize)
        func link(_ page: Int) -> String {
            var items = [
                ("q", text), ("sector", sector?.rawValue ?? ""), ("commune", param("commune")), ("month", param("month")),
                ("duration", param("duration")), ("places", places ? "1" : ""),
            ].filter { !$0.1.isEmpty }
            items.append(("page", String(page)))
            return "/?" + items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        }
        var data: [String: Any] = [
            "q": text, "commune": param("commune"), "month": param("month"), "places": places,
            "sectors": Sector.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0 == sector] },
            "durations": (1...10).map { ["value": String($0), "label": OfferText.duration($0), "selected": String($0) == param("duration")] },
            "hits": hits, "empty": result.total == 0, "queryError": queryError as Any,
            "resultLabel": result.total == 0
                ? "Aucune offre trouvée" : "\(result.total) offre\(result.total > 1 ? "s" : "") trouvée\(result.total > 1 ? "s" : "")",
        ]
        if pages > 1 {
            data["pagination"] =
                [
                    "page": pageNumber, "pages": pages,
                    "previous": pageNumber > 1 ? link(pageNumber - 1) : nil as String? as Any,
                    "next": pageNumber < pages ? link(pageNumber + 1) : nil as String? as Any,
                ] as [String: Any]
        }
        return render("catalogue", data, title: "Offres d'accueil", context: context)
    }

    func offerPage(record: StoredRecord, offer: Offer, session: Session, context: SiteContext) throws -> Response {
        let glossary = try Glossary(store: store)
        let profile = try store.currentRecords(type: .structureProfile, origin: record.origin).first.flatMap { try? $0.decode(StructureProfile.self) }
        let values: [String: String] = [
            "hostStructure": glossary.annotate(offer.hostStructure), "establishment": glossary.annotate(offer.establishment),
            "commune": HTML.escape(offer.commune), "observableMissions": glossary.annotate(offer.observableMissions),
            "observableJobProfiles": glossary.annotate(offer.observableJobProfiles), "observerProfile": glossary.annotate(offer.observerProfile),
            "possiblePeriods": HTML.escape(offer.possiblePeriods.map(OfferText.period).joined(separator: "\n")),
            "durationHalfDays": HTML.escape(OfferText.duration(offer.durationHalfDays)), "capacity": HTML.escape(OfferText.capacity(offer.capacity)),
            "proposedContents": glossary.annotate(offer.proposedContents),
            "contact": HTML.escape(
                [offer.contact.name, offer.contact.role, offer.contact.email, offer.contact.phone].filter { !$0.isEmpty }.joined(separator: "\n")
            ),
            "supportingDocuments": HTML.escape(offer.supportingDocuments.isEmpty ? "Aucun" : offer.supportingDocuments.joined(separator: "\n")),
            "specialConditions": glossary.annotate(offer.specialConditions.isEmpty ? "Aucune" : offer.specialConditions),
            "expectedEffectsHost": glossary.annotate(offer.expectedEffectsHost),
            "expectedEffectsVisitor": glossary.annotate(offer.expectedEffectsVisitor),
            "writtenBy": HTML.escape(offer.writtenBy), "writtenOn": HTML.escape(offer.writtenOn.french), "status": HTML.escape(offer.status.label),
        ]
        let data: [String: Any] = [
            "record": record.record, "establishment": offer.establishment, "commune": offer.commune, "status": offer.status.label,
            "fields": Offer.fieldLabels.map { ["label": $0.label, "value": values[$0.key] ?? ""] },
            "canEdit": record.origin == node.structureID && session.account.role >= .referent,
            "canRequest": record.origin != node.structureID && offer.status == .published,
            "structureID": record.origin, "structureName": profile?.name ?? offer.hostStructure, "sectorLabel": profile?.sector.label ?? "",
            "resource": profile?.resourcePerson.map { ["name": $0.name, "role": $0.role, "email": $0.email, "phone": $0.phone] } as Any,
            "periodList": offer.possiblePeriods.map(OfferText.period), "capacity": OfferText.capacity(offer.capacity),
        ]
        return render("offer", data, title: offer.establishment, context: context)
    }
}

/// French wording of offer values.
enum OfferText {
    static func duration(_ halfDays: Int) -> String {
        let days = halfDays / 2
        let extra = halfDays % 2 == 1 ? " et demie" : ""
        let daysText = days == 0 ? "une demi-journée" : "\(days) jour\(days > 1 ? "s" : "")\(extra)"
        return "\(halfDays) demi-journée\(halfDays > 1 ? "s" : "") (\(daysText))"
    }

    static func capacity(_ n: Int) -> String { "\(n) personne\(n > 1 ? "s" : "") accueillie\(n > 1 ? "s" : "") par période" }

    static func period(_ p: Period) -> String { "du \(p.from.french) au \(p.to.french)" }
}

/// The shared glossary, to explain acronyms where they appear in offer text.
struct Glossary {
    let entries: [GlossaryEntry]
    let regex: NSRegularExpression?
    let byTerm: [String: GlossaryEntry]

    init(store: RecordStore) throws {
        entries = try store.currentRecords(type: GlossaryEntry.recordType).compactMap { try? $0.decode(GlossaryEntry.self) }
            .sorted { $0.term < $1.term }
        byTerm = Dictionary(entries.map { ($0.term, $0) }, uniquingKeysWith: { a, _ in a })
        let alternatives = entries.map { NSRegularExpression.escapedPattern(for: $0.term) }.sorted { $0.count > $1.count }
        regex = alternatives.isEmpty ? nil : try? NSRegularExpression(pattern: "\\b(" + alternatives.joined(separator: "|") + ")\\b")
    }

    /// Escapes `text` for HTML, then wraps each known acronym in `<abbr title="…">`.
    func annotate(_ text: String) -> String {
        let escaped = HTML.escape(text)
        guard let regex else { return escaped }
        let range = NSRange(escaped.startIndex..., in: escaped)
        var result = ""
        var last = escaped.startIndex
        for match in regex.matches(in: escaped, range: range) {
            guard let r = Range(match.range, in: escaped) else { continue }
            let term = String(escaped[r])
            result += escaped[last..<r.lowerBound]
            result += "<abbr title=\"\(HTML.escape(byTerm[term]?.expansion ?? term))\">\(term)</abbr>"
            last = r.upperBound
        }
        result += escaped[last...]
        return result
    }
}
