/// The communes of the Hérault, from the official list compiled into the binary
/// (`herault-communes.txt`, extracted by `scripts/extract-communes.py`; sources and licences
/// are stated at the top of that file).
public enum HeraultCommunes {
    /// The 341 communes, by INSEE code.
    public static let all: [Commune] = parsed.communes

    /// Looks a commune up by the name a person typed (see `CommuneName.key`); the name of a
    /// former commune that is now a commune déléguée gives the commune it belongs to.
    public static func named(_ text: String) -> Commune? {
        byKey[CommuneName.key(text)]
    }

    public static func code(_ code: String) -> Commune? {
        byCode[code]
    }

    /// The official names closest to a misspelt one, best first.
    public static func suggestions(for text: String, limit: Int = 3) -> [String] {
        let key = CommuneName.key(text)
        guard !key.isEmpty else { return [] }
        let ranked = keys.map { candidate -> (score: Int, name: String) in
            var score = CommuneName.editDistance(key, candidate.key)
            // A name typed in part ("clermont") is as good as a near-miss.
            if candidate.key.hasPrefix(key) || candidate.key.contains(key) { score = min(score, 1) }
            return (score, candidate.commune.name)
        }
        var seen = Set<String>()
        return ranked.sorted { ($0.score, $0.name) < ($1.score, $1.name) }
            .filter { seen.insert($0.name).inserted }
            .prefix(limit)
            .map(\.name)
    }

    // MARK: - The compiled list

    private static let parsed = parse(String(decoding: PackageResources.herault_communes_txt, as: UTF8.self))
    private static let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
    private static let keys: [(key: String, commune: Commune)] =
        all.map { (CommuneName.key($0.name), $0) } + parsed.delegated.compactMap { name, code in byCode[code].map { (CommuneName.key(name), $0) } }
    private static let byKey = Dictionary(keys.map { ($0.key, $0.commune) }, uniquingKeysWith: { first, _ in first })

    /// One line per commune, `code|name|postal codes|lat,lon|parent|outline|population`; a
    /// commune déléguée has its parent's code and no outline; outline points are thousandths
    /// of a degree, `lon,lat` separated by spaces, rings by `;`; `#` starts a comment line.
    static func parse(_ text: String) -> (communes: [Commune], delegated: [(name: String, parent: String)]) {
        var communes: [Commune] = []
        var delegated: [(String, String)] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 7 else { continue }
            if !fields[4].isEmpty {
                delegated.append((fields[1], fields[4]))
                continue
            }
            let position = fields[3].split(separator: ",").compactMap { Double($0) }
            guard position.count == 2 else { continue }
            let outline = fields[5].split(separator: ";").map { ring in
                ring.split(separator: " ").compactMap { point -> Position? in
                    let xy = point.split(separator: ",").compactMap { Int($0) }
                    guard xy.count == 2 else { return nil }
                    return Position(latitude: Double(xy[1]) / 1000, longitude: Double(xy[0]) / 1000)
                }
            }
            communes.append(
                Commune(
                    code: fields[0],
                    name: fields[1],
                    postalCodes: fields[2].split(separator: ",").map(String.init),
                    townHall: Position(latitude: position[0], longitude: position[1]),
                    population: Int(fields[6]) ?? 0,
                    outline: outline
                )
            )
        }
        return (communes, delegated)
    }
}
