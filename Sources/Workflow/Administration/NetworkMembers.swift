import Foundation
import Records
import Storage

/// One member structure as the MDA's "Réseau" page shows it.
public struct MemberOverview: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case active
        case revoked(Timestamp)
    }

    public let structure: String
    public let name: String
    public let sector: Sector?
    /// The commune of its first establishment, from its profile.
    public let commune: String?
    public let resourcePerson: String?
    public let joined: Timestamp?
    public let lastSync: Timestamp?
    /// No sync for `silenceDays` or more (or never since it joined).
    public let silent: Bool
    /// The software version it last announced ("0.9.0"), if any.
    public let software: String?
    /// When the certificate of its newest active key expires, if the hub issued it.
    public let certificateExpires: Timestamp?
    public let state: State
}

extension NetworkAdministration {
    /// Members with no sync for this long are flagged "silencieuse".
    public static let silenceDays = 30

    /// Every structure ever enrolled, by name; `sector` keeps one sector only.
    public func members(sector: Sector? = nil, now: Date = Date()) throws -> [MemberOverview] {
        let entries = try node.members.entries()
        let contacts = try node.hub.contacts()
        let expiries = try node.hub.certificateExpiries()
        var profiles: [String: StructureProfile] = [:]
        for record in try node.store.currentRecords(type: .structureProfile) {
            if let profile = try? record.decode(StructureProfile.self) { profiles[record.origin] = profile }
        }
        let silence = TimeInterval(Self.silenceDays) * 86_400
        var overviews: [MemberOverview] = []
        for structure in Set(entries.map(\.structure)) {
            let keys = entries.filter { $0.structure == structure }
            let newest = keys.max { ($0.enrolledAt?.millisecondsSinceEpoch ?? 0) < ($1.enrolledAt?.millisecondsSinceEpoch ?? 0) }!
            let active = keys.filter { $0.revokedAt == nil }
            let profile = profiles[structure]
            let contact = contacts[structure]
            let since = contact?.lastSeen ?? keys.compactMap(\.enrolledAt).min()
            let silent = active.isEmpty ? false : since.map { now.timeIntervalSince($0.date) >= silence } ?? true
            let overview = MemberOverview(
                structure: structure,
                name: profile?.name ?? newest.name,
                sector: profile?.sector ?? newest.sector,
                commune: profile?.establishments.first?.commune,
                resourcePerson: profile?.resourcePerson.map { $0.role.isEmpty ? $0.name : "\($0.name), \($0.role)" },
                joined: keys.compactMap(\.enrolledAt).min(),
                lastSync: contact?.lastSeen,
                silent: silent,
                software: contact?.software,
                certificateExpires: active.compactMap { expiries[$0.certificateFingerprint] }.max(),
                state: active.isEmpty ? .revoked(keys.compactMap(\.revokedAt).max() ?? Timestamp(now)) : .active
            )
            if sector == nil || overview.sector == sector { overviews.append(overview) }
        }
        return overviews.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }
}
