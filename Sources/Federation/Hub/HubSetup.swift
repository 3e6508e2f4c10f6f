import Foundation
import Records
import Storage

/// Creating a hub: its node, the network's certificate authority and server certificate,
/// and the shared glossary it publishes to every member.
public enum HubSetup {
    public static func create(
        at path: String,
        name: String = "Maison des Adolescents de l'Hérault",
        sector: Sector = .medicoSocial,
        hosts: [String] = ["localhost", "127.0.0.1", "::1"],
        description: String = "",
        now: Date = Date()
    ) throws -> (hub: OpenNode, ca: CertificateAuthority) {
        let hub = try NodeDirectory.create(
            at: path,
            profile: { s, e in
                StructureProfile(
                    name: name,
                    sector: sector,
                    subType: "Maison des adolescents (MDA) — hub du réseau",
                    establishments: [.init(name: name, commune: "Montpellier")],
                    description: description,
                    signingKey: s,
                    encryptionKey: e
                )
            },
            role: .hub,
            now: now
        )
        let ca = try TLSFiles(hub.directory).createHubMaterial(organization: name, hosts: hosts, now: now)
        try hub.store.appendBatch(GlossaryEntry.defaults, as: hub.author, now: now)
        return (hub, ca)
    }
}
