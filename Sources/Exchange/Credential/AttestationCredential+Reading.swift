import Records

extension AttestationCredential {
    /// Reads a payload as `json` writes it, and nothing else: any other shape, field or value
    /// is refused, so what a verifier prints is exactly what was signed.
    public init(payload: JSONValue) throws(CredentialRefusal) {
        let reader = PayloadReader()
        guard let o = payload.objectValue, let subject = o["credentialSubject"], let facts = subject["immersion"],
            let achievement = subject["achievement"]
        else { throw PayloadReader.refusal("membres attendus absents") }
        let period = facts["period"].flatMap { p -> Period? in
            guard let from = p["from"]?.stringValue.flatMap(Day.init), let to = p["to"]?.stringValue.flatMap(Day.init), from <= to else {
                return nil
            }
            return Period(from: from, to: to)
        }
        guard let period else { throw PayloadReader.refusal("dates illisibles") }
        let issued = try reader.text(o["validFrom"], "validFrom")
        guard let timestamp = Timestamp(issued) else { throw PayloadReader.refusal("validFrom illisible") }
        let evaluations = facts["evaluations"]
        guard let hostEvaluation = evaluations?["host"]?.stringValue.flatMap(Day.init) else {
            throw PayloadReader.refusal("date d'évaluation illisible")
        }
        let visitorEvaluation = evaluations?["visitor"]
        self.init(
            id: try reader.uuid(o["id"], "id"),
            immersion: try reader.text(facts["request"], "immersion.request"),
            offer: try reader.uuid(achievement["id"], "achievement.id"),
            issuer: Structure(id: try reader.uuid(o["issuer"]?["id"], "issuer.id"), name: try reader.text(o["issuer"]?["name"], "issuer.name")),
            establishment: try reader.text(facts["establishment"], "establishment"),
            visitorName: try reader.text(subject["identifier"]?.arrayValue?.first?["identityHash"], "identifier"),
            visitorJob: try reader.text(subject["role"], "role"),
            visitorStructure: Structure(
                id: try reader.uuid(facts["visitorStructure"]?["id"], "visitorStructure.id"),
                name: try reader.text(facts["visitorStructure"]?["name"], "visitorStructure.name")
            ),
            period: period,
            subject: try reader.text(achievement["description"], "description"),
            signatory: Signatory(
                name: try reader.text(facts["signatory"]?["name"], "signatory.name"),
                capacity: try reader.text(facts["signatory"]?["capacity"], "signatory.capacity")
            ),
            visitorEvaluation: try visitorEvaluation.map { value throws(CredentialRefusal) in
                guard let day = value.stringValue.flatMap(Day.init) else { throw PayloadReader.refusal("date d'évaluation illisible") }
                return day
            },
            hostEvaluation: hostEvaluation,
            issued: timestamp
        )
        // Written back, it must be the very payload: no member more, none different.
        guard json == payload, RecordID.isWellFormed(immersion) else { throw PayloadReader.refusal("membres inattendus ou valeurs incohérentes") }
    }
}

/// Field access for `AttestationCredential(payload:)`, each failure a refusal naming the member.
struct PayloadReader {
    static func refusal(_ what: String) -> CredentialRefusal {
        CredentialRefusal(.malformed, "le contenu n'a pas la forme d'une attestation Vis ma vie pro (\(what)).")
    }

    func text(_ value: JSONValue?, _ name: String) throws(CredentialRefusal) -> String {
        guard let text = value?.stringValue, !text.isEmpty else { throw Self.refusal("« \(name) » manquant") }
        return text
    }

    /// A `urn:uuid:` identifier, returned without its prefix.
    func uuid(_ value: JSONValue?, _ name: String) throws(CredentialRefusal) -> String {
        let text = try self.text(value, name)
        let id = String(text.dropFirst("urn:uuid:".count))
        guard text.hasPrefix("urn:uuid:"), RecordID.isWellFormed(id) else { throw Self.refusal("« \(name) » : urn:uuid attendu") }
        return id
    }
}
