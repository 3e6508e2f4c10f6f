import Synchronization

/// Which members' contacts are worth writing. The "Réseau" page and the dashboard show when
/// each member last synced, to the minute, and flag those silent for days: a member syncing
/// every few seconds needs its contact written once a minute, not at every sync (each write
/// is a transaction and an fsync on the hub's one writer).
final class ContactNotes: Sendable {
    private struct Note {
        let at: ContinuousClock.Instant
        let software: String?
    }

    static let interval: Duration = .seconds(60)
    private let notes = Mutex<[String: Note]>([:])

    /// True, and remembered as written, when the member was not noted within `interval` or
    /// now runs another software version.
    func isDue(_ structure: String, software: String?, now: ContinuousClock.Instant = .now) -> Bool {
        notes.withLock { notes in
            if let last = notes[structure], now - last.at < Self.interval, last.software == software { return false }
            notes[structure] = Note(at: now, software: software)
            return true
        }
    }

    /// The write did not happen: the next sync writes it.
    func forget(_ structure: String) {
        _ = notes.withLock { $0.removeValue(forKey: structure) }
    }
}
