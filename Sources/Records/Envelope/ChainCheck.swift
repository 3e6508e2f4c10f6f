/// A problem found in a log, named by the record it concerns.
public struct LogFault: Sendable, Equatable, CustomStringConvertible {
    public let envelopeID: String
    public let problem: String

    public init(envelopeID: String, problem: String) {
        self.envelopeID = envelopeID
        self.problem = problem
    }

    public var description: String { "\(envelopeID) : \(problem)" }
}

/// Chain rules for one chain of one origin: sequence numbers 1, 2, 3… without gap or
/// repeat, each `prev` equal to the hash of the envelope before it. With `complete: false`
/// (another origin's chain as held by a node, which never receives private records
/// addressed elsewhere) gaps are allowed but every adjacent pair must still link.
public enum ChainCheck {
    public static func check(_ envelopes: [Envelope], complete: Bool = true) -> [LogFault] {
        var faults: [LogFault] = []
        var expectedSeq: Int64 = 1
        var expectedPrev = Digest.genesis
        for envelope in envelopes.sorted(by: { $0.header.seq < $1.header.seq }) {
            let h = envelope.header
            if h.seq < expectedSeq {
                faults.append(LogFault(envelopeID: h.id, problem: "numéro de séquence \(h.seq) en double pour l'origine \(h.originStructure)."))
                continue
            }
            if h.seq > expectedSeq && !complete {
                expectedSeq = h.seq
                expectedPrev = h.prev
            }
            if h.seq > expectedSeq {
                let missing = h.seq - 1 == expectedSeq ? "\(expectedSeq)" : "\(expectedSeq) à \(h.seq - 1)"
                faults.append(LogFault(envelopeID: h.id, problem: "séquence interrompue : il manque le numéro \(missing) avant le numéro \(h.seq)."))
            } else if h.prev != expectedPrev {
                faults.append(
                    LogFault(
                        envelopeID: h.id,
                        problem: "chaînage rompu : « prev » ne correspond pas à l'empreinte de l'enregistrement n° \(h.seq - 1)."
                    )
                )
            }
            expectedSeq = h.seq + 1
            expectedPrev = envelope.hash
        }
        return faults
    }
}
