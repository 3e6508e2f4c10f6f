import Federation
import Foundation
import NetworkSupport
import TestSupport
import Testing
import Workflow

@testable import Records
@testable import Storage

@Suite("Enrollment", .serialized)
struct EnrollmentTests {
    @Test func enrollmentIssuesACertificateAndPublishesAMemberRecord() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("CMP Béziers", sector: .sanitaire)
            let files = TLSFiles(node.directory)
            #expect(files.isEnrolled)
            #expect(SecureFiles.mode(of: files.clientKeyPath) == 0o600)
            #expect(SecureFiles.mode(of: TLSFiles(network.hub.directory).caKeyPath) == 0o600)
            #expect(SecureFiles.mode(of: TLSFiles(network.hub.directory).serverKeyPath) == 0o600)
            #expect(try node.settings[.hubStructureID] == network.hub.structureID)

            let members = try network.hub.members.members()
            #expect(members.map(\.structure) == [node.structureID])
            #expect(members.first?.keyID == node.author.identity.keyID)
            let memberRecord = try #require(try network.hub.store.currentRecords(type: Member.recordType).first)
            let member = try memberRecord.decode(Member.self)
            #expect(member.name == "CMP Béziers")
            #expect(member.encryptionKey == Base64.encode(node.encryption.publicKey))
            #expect(member.certificateFingerprint == (try files.clientCertificateFingerprint()))

            // The directory reaches the node with the first sync, so it can verify others offline.
            try await network.sync(node)
            #expect(try node.members.members().map(\.structure) == [node.structureID])
        }
    }

    @Test func aCodeWorksOnce() async throws {
        try await withTestNetwork { network in
            let code = try network.administration.invite(
                structureName: "Mission locale de Lunel",
                sector: .informationOrientation,
                email: nil,
                by: .commandLine
            ).code
            let first = try NodeDirectory.create(at: network.root.appendingPathComponent("first").path) { s, e in
                StructureProfile(name: "Mission locale", sector: .informationOrientation, signingKey: s, encryptionKey: e)
            }
            _ = try await Enrollment.enroll(node: first, hubURL: network.url, code: code.description)
            let second = try NodeDirectory.create(at: network.root.appendingPathComponent("second").path) { s, e in
                StructureProfile(name: "Intrus", sector: .social, signingKey: s, encryptionKey: e)
            }
            await #expect {
                try await Enrollment.enroll(node: second, hubURL: network.url, code: code.description)
            } throws: { error in
                guard case SyncError.refused(let refusal) = error else { return false }
                return refusal.code == "invitation_refused" && refusal.message.contains("déjà utilisé")
            }
            #expect(!TLSFiles(second.directory).isEnrolled)
            #expect(try network.hub.members.members().count == 1)
        }
    }

    @Test func anExpiredCodeIsRefused() async throws {
        try await withTestNetwork { network in
            let code = try network.administration.invite(
                structureName: "CIO de Sète",
                sector: .informationOrientation,
                email: nil,
                validityHours: 1,
                by: .commandLine,
                now: Date().addingTimeInterval(-7200)
            ).code
            let node = try NodeDirectory.create(at: network.root.appendingPathComponent("late").path) { s, e in
                StructureProfile(name: "CIO", sector: .informationOrientation, signingKey: s, encryptionKey: e)
            }
            await #expect {
                try await Enrollment.enroll(node: node, hubURL: network.url, code: code.description)
            } throws: { error in
                guard case SyncError.refused(let refusal) = error else { return false }
                return refusal.message.contains("expiré")
            }
        }
    }

    @Test func aHubWhoseCADoesNotMatchTheCodeIsNotTrusted() async throws {
        try await withTestNetwork { network in
            let real = try network.administration.invite(structureName: "CMP", sector: .sanitaire, email: nil, by: .commandLine).code
            let forged = InvitationCode(secret: real.secret, caFingerprint: String(repeating: "ab", count: 32))
            let node = try NodeDirectory.create(at: network.root.appendingPathComponent("n").path) { s, e in
                StructureProfile(name: "CMP", sector: .sanitaire, signingKey: s, encryptionKey: e)
            }
            await #expect(throws: TrustError.self) {
                try await Enrollment.enroll(node: node, hubURL: network.url, code: forged.description)
            }
            // Nothing was sent: the real code still works.
            _ = try await Enrollment.enroll(node: node, hubURL: network.url, code: real.description)
        }
    }

    @Test func malformedCodesAreExplained() {
        #expect(throws: InvitationCode.Malformed()) { try InvitationCode(parsing: "vmvp1.abc") }
        #expect(throws: InvitationCode.Malformed()) { try InvitationCode(parsing: "hello") }
    }

    @Test func enrollmentRequestsAreChecked() async throws {
        try await withTestNetwork { network in
            let code = try network.administration.invite(structureName: "X", sector: nil, email: nil, by: .commandLine).code
            // A proof signed by another key: refused, and the code is not consumed.
            let node = try NodeDirectory.create(at: network.root.appendingPathComponent("p").path) { s, e in
                StructureProfile(name: "X", sector: .social, signingKey: s, encryptionKey: e)
            }
            let files = TLSFiles(node.directory)
            let (csr, _) = try files.makeCertificateRequest(structure: node.structureID)
            let request = EnrollmentRequest(
                code: code.secret,
                structure: node.structureID,
                sector: "social",
                signingKey: Base64.encode(node.author.identity.publicKey),
                encryptionKey: Base64.encode(node.encryption.publicKey),
                csr: try csr.serializeAsPEM().pemString,
                proof: Base64.encode(try SigningIdentity().sign([1, 2, 3]))
            )
            #expect(throws: ProtocolError.self) { try network.hubService.enroll(request) }
            do { _ = try network.hubService.enroll(request) } catch let error as ProtocolError { #expect(error.code == "bad_proof") }
            _ = try await Enrollment.enroll(node: node, hubURL: network.url, code: code.description)
        }
    }
}

@Suite("Enrollment cannot be abused", .serialized)
struct EnrollmentAbuseTests {
    @Test func aFreshCodeCannotClaimAnEnrolledStructureOrTheHub() async throws {
        try await withTestNetwork { network in
            let victim = try await network.addNode("Victime", sector: .social)
            for target in [victim.structureID, network.hub.structureID] {
                let code = try network.administration.invite(structureName: "Usurpateur", sector: .social, email: nil, by: .commandLine).code
                let attacker = try NodeDirectory.create(at: network.root.appendingPathComponent(UUID().uuidString).path) { s, e in
                    StructureProfile(name: "Usurpateur", sector: .social, signingKey: s, encryptionKey: e)
                }
                // Same structure id as the target, other keys.
                try attacker.settings.set(.structureID, target)
                let impostor = try attacker.directory.open()
                await #expect {
                    try await Enrollment.enroll(node: impostor, hubURL: network.url, code: code.description)
                } throws: { error in
                    guard case SyncError.refused(let refusal) = error else { return false }
                    return refusal.message.contains("déjà inscrit")
                }
            }
            #expect(try network.hub.members.members().count == 1)
        }
    }

    @Test func aRenewalCodeReEnrollsOnlyItsStructure() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("Structure", sector: .social)
            let other = try await network.addNode("Autre", sector: .social)
            let renewal = try network.administration.invite(
                structureName: "Structure",
                sector: .social,
                email: nil,
                renewing: node.structureID,
                by: .commandLine
            ).code
            await #expect(throws: SyncError.self) {
                try await Enrollment.enroll(node: other, hubURL: network.url, code: renewal.description)
            }
            _ = try await Enrollment.enroll(node: node, hubURL: network.url, code: renewal.description)
            try await network.sync(node)
        }
    }

    @Test func aBatchIdIsPrivateToTheStructureThatPushedIt() async throws {
        try await withTestNetwork { network in
            let a = try await network.addNode("A", sector: .social)
            let b = try await network.addNode("B", sector: .social)
            let batch = RecordID.make()
            let first = try await network.transport(for: a).call(
                .POST,
                "/v1/push",
                body: .object(["batch": .string(batch), "envelopes": .array(try a.store.envelopes().map(\.wireJSON))])
            )
            #expect(first["accepted"]?.arrayValue?.count == 1)
            let replayByB = try await network.transport(for: b).call(
                .POST,
                "/v1/push",
                body: .object(["batch": .string(batch), "envelopes": .array([])])
            )
            #expect(replayByB["replayed"] == .bool(false), "B does not get A's stored answer")
            #expect(replayByB["head"]?["seq"] == .integer(0))
        }
    }
}
