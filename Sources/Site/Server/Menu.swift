import Storage

/// The main menu, made for who is signed in: the MDA's staff on the hub see the network's
/// steering, a structure's people see their exchanges; the current page is marked for
/// assistive technologies, and "À traiter" says how many things wait.
struct MenuItem: Sendable {
    let href: String
    let label: String
    /// `aria-current="page"` on the page being shown (and on the pages under it).
    let current: Bool
}

enum Menu {
    static func items(role: Role, isHub: Bool, path: String, toDo: Int) -> [MenuItem] {
        let toDoLabel = toDo > 0 ? "À traiter (\(toDo))" : "À traiter"
        var entries: [(String, String)]
        if isHub && role == .admin {
            entries = [
                ("/pilotage", "Pilotage"), ("/suggestions", "Échanges suggérés"), ("/reseau", "Réseau"), ("/regles", "Règles du réseau"),
                ("/annuaire", "Annuaire"), ("/a-traiter", toDoLabel), ("/", "Offres d'accueil"), ("/demandes", "Demandes de découverte"),
                ("/lexique", "Lexique"), ("/etat", "État du nœud"), ("/comptes", "Comptes"), ("/journal", "Journal d'administration"),
                ("/informations-legales", "Informations légales"), ("/conservation", "Conservation des données"),
            ]
        } else {
            entries = [
                ("/", "Offres d'accueil"), ("/annuaire", "Annuaire"), ("/demandes", "Demandes de découverte"), ("/a-traiter", toDoLabel),
                ("/immersions", "Immersions"), ("/lexique", "Lexique"),
            ]
            if role >= .referent && !isHub { entries += [("/offres/nouvelle", "Proposer un accueil"), ("/suggestions", "Échanges suggérés")] }
            if role == .admin {
                entries += [
                    ("/structure", "Fiche de la structure"), ("/informations-legales", "Informations légales"), ("/etat", "État du nœud"),
                    ("/comptes", "Comptes"), ("/conservation", "Conservation des données"),
                    ("/journal", "Journal d'administration"),
                ]
            }
        }
        return entries.map { href, label in MenuItem(href: href, label: label, current: isCurrent(href, path)) }
    }

    /// The catalogue is current on its own address only; the other entries also on the pages under them.
    static func isCurrent(_ href: String, _ path: String) -> Bool {
        href == "/" ? path == "/" : path == href || path.hasPrefix(href + "/")
    }
}
