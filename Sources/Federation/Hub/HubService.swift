import Crypto
import Foundation
import Metrics
import NIOCore
import Observability
import Records
import Storage
import SwiftASN1
import X509

/// The hub's protocol logic, independent of HTTP: enrollment, the member directory,
/// push, pull, invitations and revocation. `HubServer` maps it onto HTTPS routes.
public final class HubService: Sendable {
    public let node: OpenNode
    public let files: TLSFiles
    let ca: CertificateAuthority

    /// The bytes of envelopes per page (tests make it small).
    let pageBytes: Int
    /// Wakes the members' long-polls when a push commits what they may see.
    let bell: ChangeBell
    /// The wire form of the envelopes every member is being sent.
    let wireLines = WireLineCache()
    /// The answers of the feed woken members share.
    let sharedAnswers = SharedAnswers()
    /// When each member's contact was last written (a write, with its fsync, per sync otherwise).
    let contactNotes = ContactNotes()
    /// The log's newest rows, read once for all the long-polls a push wakes.
    let feedTail: FeedTail

    public init(node: OpenNode, pageBytes: Int = Wire.maxPageBytes) throws {
        self.node = node
        self.pageBytes = pageBytes
        files = TLSFiles(node.directory)
        ca = try files.loadCA()
        bell = ChangeBell(position: { [store = node.store] in try store.logPosition() })
        feedTail = FeedTail(store: node.store)
    }

    var store: RecordStore { node.store }

    public var caFingerprint: String { ca.fingerprint }

    func epoch() throws -> String { try node.settings[.epoch] ?? "" }

    // MARK: Enrollment

    public func enroll(_ request: EnrollmentRequest, now: Date = Date()) throws -> EnrollmentResponse {
        let secret = request.code
        let structure = request.structure
        guard RecordID.isWellFormed(structure) else { throw ProtocolError.badRequest("identifiant de structure mal formé") }
        guard let signingKey = Base64.decode(request.signingKey), signingKey.count == 32,
            let encryptionKey = Base64.decode(request.encryptionKey), encryptionKey.count == 32
        else {
            throw ProtocolError.badRequest("clés publiques invalides (32 octets en Base64 attendus)")
        }
        let sectorText = request.sector
        guard let requestedSector = Sector(rawValue: sectorText) else { throw ProtocolError.badRequest("secteur « \(sectorText) » inconnu") }
        let csr: CertificateSigningRequest
        do { csr = try CertificateSigningRequest(pemEncoded: request.csr) } catch {
            throw ProtocolError.badRequest("demande de certificat illisible")
        }
        guard csr.publicKey.isValidSignature(csr.signature, for: csr) else {
            throw ProtocolError(status: 400, code: "bad_csr", message: "Demande de certificat invalide : sa signature ne correspond pas à sa clé.")
        }
        guard csr.subject == (try DistinguishedName { CommonName(structure) }) else {
            throw ProtocolError.badRequest("la demande de certificat ne nomme pas la structure « \(structure) »")
        }
        var serializer = DER.Serializer()
        try serializer.serialize(csr)
        let csrDigest = Digest.sha256Hex(serializer.serializedBytes)
        let code = InvitationCode(secret: secret, caFingerprint: ca.fingerprint)
        guard let proof = Base64.decode(request.proof),
            SignatureCheck.isValid(
                signature: proof,
                message: InvitationCode.possessionProof(secretHash: code.secretHash, structure: structure, csrDigest: csrDigest),
                publicKey: signingKey
            )
        else {
            throw ProtocolError(
                status: 400,
                code: "bad_proof",
                message: "Preuve de possession de la clé de signature invalide : inscription refusée."
            )
        }
        let author = node.author
        let result: (Certificate, Envelope)
        do {
            result = try node.hub.enroll(codeHash: code.secretHash, structure: structure, as: author, now: now) { invitation in
                let certificate = try ca.issueClientCertificate(for: csr, structure: structure, name: invitation.structureName, now: now)
                let member = Member(
                    structure: structure,
                    name: invitation.structureName,
                    sector: invitation.sector ?? requestedSector,
                    signingKey: Base64.encode(signingKey),
                    encryptionKey: Base64.encode(encryptionKey),
                    certificateFingerprint: CertificateAuthority.fingerprint(of: certificate),
                    enrolledAt: Timestamp(now)
                )
                return (certificate, member)
            }
        } catch let error as InvitationError {
            throw ProtocolError(status: 403, code: "invitation_refused", message: "Inscription refusée : \(error.description)")
        }
        // The MDA's "Réseau" page warns before a member's certificate expires.
        try node.hub.recordCertificate(
            fingerprint: CertificateAuthority.fingerprint(of: result.0),
            structure: structure,
            notAfter: result.0.notValidAfter
        )
        let profile = try node.profile()
        return EnrollmentResponse(
            structure: structure,
            certificate: try result.0.serializeAsPEM().pemString,
            ca: try ca.certificate.serializeAsPEM().pemString,
            hub: .init(structure: node.structureID, name: profile?.name ?? "", signingKey: Base64.encode(node.author.identity.publicKey)),
            member: result.1
        )
    }

    /// A member renews its certificate over its current one (protocol/federation.md, "Certificate
    /// renewal"): a request for its new TLS key, signed by its signing key. The old certificate is
    /// unknown to the hub once the new member record is stored.
    public func renew(_ request: RenewalRequest, from member: MemberIdentity, now: Date = Date()) throws -> RenewalResponse {
        let csr: CertificateSigningRequest
        do { csr = try CertificateSigningRequest(pemEncoded: request.csr) } catch {
            throw ProtocolError.badRequest("demande de certificat illisible")
        }
        guard csr.publicKey.isValidSignature(csr.signature, for: csr) else {
            throw ProtocolError(status: 400, code: "bad_csr", message: "Demande de certificat invalide : sa signature ne correspond pas à sa clé.")
        }
        guard csr.subject == (try DistinguishedName { CommonName(member.structure) }) else {
            throw ProtocolError.badRequest("la demande de certificat ne nomme pas la structure « \(member.structure) »")
        }
        guard let proof = Base64.decode(request.proof) else { throw ProtocolError.badRequest("preuve illisible (Base64 attendu)") }
        var serializer = DER.Serializer()
        try serializer.serialize(csr)
        let message = RenewalRequest.proof(structure: member.structure, csrDigest: Digest.sha256Hex(serializer.serializedBytes))
        let result: (certificate: Certificate, envelope: Envelope)
        do {
            result = try node.hub.renewMember(
                structure: member.structure,
                keyID: member.keyID,
                as: node.author,
                now: now,
                proofHolds: { SignatureCheck.isValid(signature: proof, message: message, publicKey: $0) },
                issue: {
                    let certificate = try ca.issueClientCertificate(for: csr, structure: member.structure, name: member.name, now: now)
                    return (certificate, CertificateAuthority.fingerprint(of: certificate))
                }
            )
        } catch let error as RenewalError {
            throw ProtocolError(status: 403, code: "renewal_refused", message: "Renouvellement refusé : \(error.description)")
        }
        try node.hub.recordCertificate(
            fingerprint: CertificateAuthority.fingerprint(of: result.certificate),
            structure: member.structure,
            notAfter: result.certificate.notValidAfter
        )
        return RenewalResponse(certificate: try result.certificate.serializeAsPEM().pemString, member: result.envelope)
    }

    // MARK: Authenticated calls

    /// The member a TLS client certificate belongs to; refused if unknown or revoked,
    /// even though our CA signed it.
    public func identify(certificateFingerprint: String) throws -> MemberIdentity {
        guard let member = try node.members.member(certificateFingerprint: certificateFingerprint) else {
            throw ProtocolError(status: 403, code: "unknown_certificate", message: "Certificat inconnu du hub : ce nœud n'est pas inscrit.")
        }
        if let revokedAt = member.revokedAt {
            throw ProtocolError(
                status: 403,
                code: "revoked_certificate",
                message: "Certificat révoqué le \(revokedAt) : ce nœud ne peut plus se synchroniser."
            )
        }
        return member
    }

    /// What the hub holds of the caller's own chain: the receiver's answer is the source of truth.
    public func head(for member: MemberIdentity, software: String? = nil) async throws -> HeadResponse {
        // Every sync starts here: the MDA's "Réseau" page shows members that stopped syncing
        // and the software version each one runs.
        if contactNotes.isDue(member.structure, software: software) {
            do { try await node.hub.noteContact(structure: member.structure, software: software) } catch {
                contactNotes.forget(member.structure)
                throw error
            }
        }
        let head = try store.head(origin: member.structure)
        return HeadResponse(origin: member.structure, seq: head?.seq ?? 0, hash: head?.hash ?? Digest.genesis, epoch: try epoch())
    }

    public func push(_ request: PushRequest, from member: MemberIdentity, now: Date = Date()) async throws -> PushResponse {
        let batch = request.batch
        guard RecordID.isWellFormed(batch) else { throw ProtocolError.badRequest("identifiant de lot « batch » mal formé (UUID attendu)") }
        if let previous = try node.hub.batchResponse(batch, origin: member.structure) {
            // The same id with other envelopes is not a retry: answering the old outcome would
            // let the caller believe the new records were taken.
            guard previous.contentDigest.isEmpty || previous.contentDigest == request.contentDigest else {
                throw ProtocolError(
                    status: 409,
                    code: "batch_conflict",
                    message: "Lot \(batch) déjà reçu avec un autre contenu : rien n'a été modifié. Un nouveau lot porte un nouvel identifiant."
                )
            }
            if var response = try? PushResponse(wire: JSONParser.parse(previous.response)) {
                // An idempotent retry or a replay: nothing is applied twice.
                response.replayed = true
                response.message = "Lot \(batch) déjà traité : rien n'a été modifié."
                return response
            }
        }
        if request.count > Wire.maxEnvelopesPerBatch {
            throw ProtocolError(
                status: 413,
                code: "batch_too_large",
                message: "Lot trop gros : \(request.count) enveloppes pour \(Wire.maxEnvelopesPerBatch) au plus."
            )
        }
        let outcome = try await store.ingest(request.envelopes, mode: .push(caller: member.structure), now: now)
        // The push's answer does not wait for the ring: resuming after a hop to the bell, this
        // task would queue behind the answers the previous ring woke.
        Task { [envelopes = request.envelopes, accepted = outcome.accepted] in await self.ring(for: envelopes, accepted: accepted) }
        for (result, count) in [
            ("accepted", outcome.accepted.count), ("duplicate", outcome.duplicates), ("withheld", outcome.withheld.count),
            ("rejected", outcome.rejected.count + request.unreadable.count), ("fork", outcome.forks.count),
        ] where count > 0 {
            Counter(label: VMVPMetrics.hubPushed, dimensions: [("outcome", result)]).increment(by: count)
        }
        let head = try store.head(origin: member.structure)
        let response = PushResponse(
            batch: batch,
            accepted: outcome.accepted,
            duplicates: outcome.duplicates,
            withheld: outcome.withheld,
            rejected: request.unreadable + outcome.rejected,
            forks: outcome.forks,
            headSeq: head?.seq ?? 0,
            headHash: head?.hash ?? Digest.genesis,
            epoch: try epoch(),
            gap: outcome.gap.map { PushResponse.Gap(from: $0.from, to: $0.to) }
        )
        try node.hub.saveBatch(
            batch,
            origin: member.structure,
            contentDigest: request.contentDigest,
            response: Wire.bytes(response.wire),
            now: now
        )
        return response
    }

    /// The changes feed, written straight from the stored bytes (keys in canonical order).
    /// With `wait` (a long-poll), an empty answer is held until something the member may see is
    /// committed, or `wait` has passed: a push wakes it at once through the bell; what the hub
    /// writes itself (directory, rules, from its site or command line, perhaps another process)
    /// is seen by the log's position within a second.
    public func changes(for member: MemberIdentity, since: Int64, limit: Int, wait: Duration = .zero) async throws -> ByteBuffer {
        let deadline = ContinuousClock.now + min(wait, Wire.maxLongPoll)
        let maxBytes = wait > .zero ? min(pageBytes, Wire.maxLongPollAnswerBytes) : pageBytes
        while true {
            let mark = bell.current
            // A long-poll is answered from the log's newest rows when it asks within them.
            let page =
                try
                (wait > .zero
                ? feedTail.page(for: member.structure, since: since, limit: Wire.pageLimit(limit), maxBytes: maxBytes, mark: mark) : nil)
                ?? store.changes(for: member.structure, since: since, limit: Wire.pageLimit(limit), maxBytes: maxBytes)
            let closed = bell.isClosed
            if !page.raw.isEmpty || ContinuousClock.now >= deadline || Task.isCancelled || closed {
                let epoch = try epoch()
                return sharedAnswers.answer(for: page, epoch: epoch) { ChangesResponse.encode(page, epoch: epoch, line: wireLines.line) }
            }
            // Until a ring that concerns this member (a push, or the log watcher): no read meanwhile.
            await bell.wait(for: member.structure, after: mark, timeout: deadline - ContinuousClock.now)
        }
    }

    /// Long-polls held now.
    public func waitingLongPolls() async -> Int { await bell.waiting }

    /// Answers the held long-polls and holds no more (a graceful shutdown); `reopen` after a restart.
    public func closeLongPolls() async { await bell.close() }
    public func reopenLongPolls() async { await bell.reopen() }

    /// Wakes the long-polls of whoever may see the envelopes just committed.
    func ring(for envelopes: [Envelope], accepted: [String]) async {
        // The log's position after the commit: the watcher need not ring for it again.
        let position = try? store.logPosition()
        guard !accepted.isEmpty else {
            if let position { await bell.account(upTo: position) }
            return
        }
        let ids = Set(accepted)
        var parties: Set<String> = []
        for envelope in envelopes where ids.contains(envelope.id) {
            let h = envelope.header
            if h.visibility == .network { return await bell.ring(.everyone, upTo: position) }
            parties.formUnion(h.recipients)
        }
        await bell.ring(.structures(parties), upTo: position)
    }

    public func own(for member: MemberIdentity, afterSeq: Int64, limit: Int) throws -> OwnResponse {
        let envelopes = try store.ownEnvelopes(origin: member.structure, afterSeq: afterSeq, limit: Wire.pageLimit(limit), maxBytes: pageBytes)
        return OwnResponse(envelopes: envelopes, epoch: try epoch())
    }
}
