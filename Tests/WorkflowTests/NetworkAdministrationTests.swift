import Federation
import Foundation
import NetworkSupport
import TestSupport
import Testing
import Workflow

@testable import Records
@testable import Storage

@Suite("The MDA administers its network", .serialized)
struct NetworkAdministrationTests {
    let staff = AdministrativeActor(name: "coordination@mda34.example", address: "192.0.2.10")

    @Test func invitationsAreCheckedListedWithdrawnAndAudited() async throws {
        try await withTestNetwork { network in
            let admin = network.administration
            #expect(throws: AdministrationError.self) { try admin.invite(structureName: "  ", sector: nil, email: nil, by: staff) }
            #expect(throws: AdministrationError.invalid(field: "email", problem: "Adresse électronique invalide « pas-une-adresse ».")) {
                try admin.invite(structureName: "CMP", sector: .sanitaire, email: "pas-une-adresse", by: staff)
            }
            #expect(throws: AdministrationError.self) { try admin.invite(structureName: "CMP", sector: nil, email: nil, validityHours: 0, by: staff) }
            let issued = try admin.invite(structureName: " CMP de Lodève ", sector: .sanitaire, email: "it@cmp.example", by: staff)
            #expect(issued.structureName == "CMP de Lodève" && issued.code.caFingerprint == network.hubService.caFingerprint)
            let pending = try admin.pendingInvitations()
            #expect(pending.map(\.structureName) == ["CMP de Lodève"] && pending[0].email == "it@cmp.example")
            #expect(!pending[0].id.contains(issued.code.secret), "the list never shows the code")

            try admin.withdraw(invitation: pending[0].id, by: staff)
            #expect(try admin.pendingInvitations().isEmpty)
            #expect(throws: AdministrationError.unknownInvitation) { try admin.withdraw(invitation: pending[0].id, by: staff) }
            let node = try NodeDirectory.create(at: network.root.appendingPathComponent("late").path) { s, e in
                StructureProfile(name: "CMP", sector: .sanitaire, signingKey: s, encryptionKey: e)
            }
            await #expect {
                try await Enrollment.enroll(node: node, hubURL: network.url, code: issued.code.description)
            } throws: { error in
                guard case SyncError.refused(let refusal) = error else { return false }
                return refusal.message.contains("retiré")
            }
            let audit = try network.hub.audit.entries()
            #expect(audit.map(\.action) == [.invitationWithdrawn, .invitationCreated])
            #expect(audit.allSatisfy { $0.actor == staff.name && $0.address == "192.0.2.10" })
            #expect(audit[1].subject == "CMP de Lodève (it@cmp.example)")
        }
    }

    @Test func membersShowTheirSyncVersionCertificateAndState() async throws {
        try await withTestNetwork { network in
            let quiet = try await network.addNode("Collège de Lunel", sector: .educatif)
            let busy = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            try await network.sync(busy)
            let admin = network.administration
            let members = try admin.members()
            #expect(members.map(\.name) == ["CMP de Béziers", "Collège de Lunel"])
            let cmp = try #require(members.first)
            #expect(cmp.software == SoftwareVersion.current, "the node announced its version")
            #expect(cmp.lastSync != nil && !cmp.silent && cmp.state == .active)
            let expiry = try #require(cmp.certificateExpires)
            #expect(expiry.date.timeIntervalSinceNow > 700 * 86_400, "a two-year certificate")
            #expect(try admin.members(sector: .educatif).map(\.structure) == [quiet.structureID])
            let later = Date().addingTimeInterval(31 * 86_400)
            #expect(try admin.members(now: later).allSatisfy(\.silent), "a month without sync")

            let revoked = try admin.revoke(structure: quiet.structureID, reason: "Départ du réseau", by: staff)
            #expect(revoked.count == 1)
            #expect(throws: AdministrationError.alreadyRevoked("Collège de Lunel")) {
                try admin.revoke(structure: quiet.structureID, reason: "", by: staff)
            }
            #expect(throws: AdministrationError.unknownMember("inconnue")) { try admin.revoke(structure: "inconnue", reason: "", by: staff) }
            guard case .revoked = try admin.members(sector: .educatif)[0].state else {
                Issue.record("not revoked")
                return
            }
            #expect(try network.hub.audit.entries().first?.action == .structureRevoked)
            // A renewal code only for an active member.
            #expect(throws: AdministrationError.alreadyRevoked("Collège de Lunel")) {
                try admin.invite(structureName: "Collège de Lunel", sector: nil, email: nil, renewing: quiet.structureID, by: staff)
            }
            let renewal = try admin.invite(structureName: "CMP de Béziers", sector: nil, email: nil, renewing: busy.structureID, by: staff)
            let lastAct = try network.hub.audit.entries().first?.action
            #expect(renewal.renewing == busy.structureID && lastAct == .renewalCreated)
        }
    }

    @Test func theSoftwareVersionIsReadStrictly() {
        #expect(SoftwareVersion.announced(by: "vmvp/0.9.0") == "0.9.0")
        #expect(SoftwareVersion.announced(by: "vmvp/1.2.3-rc.1+deb12 extra") == "1.2.3-rc.1+deb12")
        #expect(SoftwareVersion.announced(by: "curl/8.0") == nil)
        #expect(SoftwareVersion.announced(by: "vmvp/<script>") == nil)
        #expect(SoftwareVersion.announced(by: "vmvp/" + String(repeating: "9", count: 33)) == nil)
    }
}
