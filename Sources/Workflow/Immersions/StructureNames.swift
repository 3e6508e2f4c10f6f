import Foundation
import Records
import Storage

extension OpenNode {
    /// The names of the structures this node knows, with their articles, by structure id:
    /// from their profiles, else from the hub's member records.
    public func structureNames() throws -> [String: StructureName] {
        var names: [String: StructureName] = [:]
        for record in try store.currentRecords(type: .structureProfile) {
            if let profile = try? record.decode(StructureProfile.self) { names[record.origin] = profile.structureName }
        }
        for record in try store.currentRecords(type: Member.recordType) {
            if let member = try? record.decode(Member.self), names[member.structure] == nil { names[member.structure] = StructureName(member.name) }
        }
        return names
    }
}
