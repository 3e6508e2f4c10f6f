import Foundation
import Records
import Workflow

/// The structure card's form, as typed: read from a posted form or filled from the profile.
struct ProfileForm: Sendable {
    struct Row: Sendable {
        let index: Int
        let number: Int
        let name: String
        let commune: String
        let error: String?
    }

    var name: String
    var article: String
    var sector: String
    var subType: String
    var establishments: [(name: String, commune: String)]
    var person: (name: String, role: String, email: String, phone: String)
    var description: String

    /// Empty rows offered after the filled ones, to add establishments.
    static let blankRows = 2

    init(_ profile: StructureProfile) {
        name = profile.name
        article = profile.article == .none ? "aucun" : profile.article.rawValue
        sector = profile.sector.rawValue
        subType = profile.subType
        establishments = profile.establishments.map { ($0.name, $0.commune) }
        let p = profile.resourcePerson
        person = (p?.name ?? "", p?.role ?? "", p?.email ?? "", p?.phone ?? "")
        description = profile.description
    }

    init(_ form: Form) {
        name = form["nom"]
        article = form["article"]
        sector = form["secteur"]
        subType = form["sous_type"]
        // Rows left empty are dropped; a half-filled row stays, to be corrected.
        establishments = zip(form.all("etablissement_nom"), form.all("etablissement_commune"))
            .map { ($0.0.trimmingCharacters(in: .whitespaces), $0.1.trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.0.isEmpty || !$0.1.isEmpty }
        person = (form["personne_nom"], form["personne_fonction"], form["personne_email"], form["personne_telephone"])
        description = form["description"].replacingOccurrences(of: "\r\n", with: "\n")
    }

    var articleValue: StructureProfile.Article? { article == "aucun" ? StructureProfile.Article.none : StructureProfile.Article(rawValue: article) }

    /// Problems the record cannot name itself: choices outside their lists.
    var problems: [String: String] {
        var errors: [String: String] = [:]
        if Sector(rawValue: sector) == nil { errors["secteur"] = "Choisissez un secteur dans la liste." }
        if articleValue == nil { errors["article"] = "Choisissez comment le nom s'introduit dans une phrase." }
        for (index, establishment) in establishments.enumerated() where !establishment.commune.isEmpty {
            if case .failure(let refusal) = CommuneField.check(establishment.commune) { errors["etablissement-\(index)"] = refusal.message }
        }
        return errors
    }

    var draft: StructureProfileDesk.Draft {
        let hasPerson = ![person.name, person.role, person.email, person.phone].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        return StructureProfileDesk.Draft(
            name: name,
            article: articleValue ?? .none,
            sector: Sector(rawValue: sector),
            subType: subType,
            // A commune of the official list is stored under its official name.
            establishments: establishments.map { .init(name: $0.name, commune: (try? CommuneField.check($0.commune).get()) ?? $0.commune) },
            resourcePerson: hasPerson ? Contact(name: person.name, role: person.role, email: person.email, phone: person.phone) : nil,
            description: description
        )
    }

    /// The record's messages, by the form's field names.
    func errors(from error: ValidationError) -> [String: String] {
        let fields = [
            "name": "nom", "subType": "sous_type", "description": "description", "resourcePerson.name": "personne_nom",
            "resourcePerson.role": "personne_fonction", "resourcePerson.email": "personne_email", "resourcePerson.phone": "personne_telephone",
        ]
        var errors: [String: String] = [:]
        for issue in error.issues {
            let key: String
            if let match = issue.field.firstMatch(of: /^establishments\[(\d+)\]/) {
                key = "etablissement-\(match.1)"
            } else {
                key = fields[issue.field] ?? "nom"
            }
            if errors[key] == nil { errors[key] = French.capitalized(issue.message) }
        }
        return errors
    }

    func rows(errors: [String: String]) -> [Row] {
        let filled = establishments.enumerated().map { index, e in
            Row(index: index, number: index + 1, name: e.name, commune: e.commune, error: errors["etablissement-\(index)"])
        }
        let blank = (0..<Self.blankRows).map { offset in
            Row(index: filled.count + offset, number: filled.count + offset + 1, name: "", commune: "", error: nil)
        }
        return filled + blank
    }
}

/// The page that edits the card.
struct ProfilePage: PageModel {
    static let template = "profile"
    static let savedNotice = "Fiche enregistrée et signée : elle part vers le hub et l'annuaire de tous les nœuds à la prochaine synchronisation."

    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let form: ProfileFormView
    let rows: [ProfileForm.Row]
    let articles: [Choice]
    let sectors: [Choice]
    let versions: String
    let structure: String
    let csrf: String
    let formToken: String
    let notice: String?
    let summary: ErrorSummary
    let communeList = CommuneField.datalist

    var hasFormErrors: Bool { summary.hasErrors }

    /// The typed values, as stored properties for the template.
    struct ProfileFormView: Sendable {
        let name: String
        let subType: String
        let personName: String
        let personRole: String
        let personEmail: String
        let personPhone: String
        let description: String
        let nameError: String?
        let articleError: String?
        let sectorError: String?
        let subTypeError: String?
        let personNameError: String?
        let personRoleError: String?
        let personEmailError: String?
        let personPhoneError: String?
        let descriptionError: String?
    }

    init(
        form: ProfileForm,
        versions: Int,
        structure: String,
        csrf: String,
        formToken: String,
        errors: [String: String] = [:],
        notice: String? = nil
    ) {
        self.form = ProfileFormView(
            name: form.name,
            subType: form.subType,
            personName: form.person.name,
            personRole: form.person.role,
            personEmail: form.person.email,
            personPhone: form.person.phone,
            description: form.description,
            nameError: errors["nom"],
            articleError: errors["article"],
            sectorError: errors["secteur"],
            subTypeError: errors["sous_type"],
            personNameError: errors["personne_nom"],
            personRoleError: errors["personne_fonction"],
            personEmailError: errors["personne_email"],
            personPhoneError: errors["personne_telephone"],
            descriptionError: errors["description"]
        )
        rows = form.rows(errors: errors)
        let articleLabels: [(String, String)] = [
            ("aucun", "sans article (« Collège Jean Moulin »)"), ("le", "le (« le CMP »)"), ("la", "la (« la Mission locale »)"),
            ("l'", "l' (« l'UEMO »)"), ("les", "les (« les Apprentis d'Auteuil »)"),
        ]
        articles = articleLabels.map { Choice(value: $0.0, label: $0.1, selected: $0.0 == form.article) }
        sectors = Sector.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.sector) }
        self.versions =
            versions == 1 ? "Version d'origine, créée à l'installation du nœud." : "\(versions) versions signées depuis l'installation du nœud."
        self.structure = structure
        self.csrf = csrf
        self.formToken = formToken
        self.notice = notice
        let labels = [
            "nom": "Nom", "article": "Article", "secteur": "Secteur", "sous_type": "Type de structure", "personne_nom": "Personne ressource, nom",
            "personne_fonction": "Personne ressource, fonction", "personne_email": "Personne ressource, adresse électronique",
            "personne_telephone": "Personne ressource, téléphone", "description": "Présentation",
        ]
        summary = ErrorSummary(
            errors.keys.sorted().map { key in
                let label = key.hasPrefix("etablissement-") ? "Établissement n° \((Int(key.dropFirst(14)) ?? 0) + 1)" : labels[key] ?? key
                return .init(anchor: key, label: label, message: errors[key] ?? "")
            }
        )
    }
}
