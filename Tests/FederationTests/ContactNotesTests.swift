import Testing

@testable import Federation

/// The hub writes a member's contact (the "Réseau" page's last sync) once a minute at most,
/// and at once when the member runs another software version.
@Suite("Contacts written by the hub")
struct ContactNotesTests {
    @Test func aContactIsWrittenOnceAMinuteOrWhenTheSoftwareChanges() {
        let notes = ContactNotes()
        let start = ContinuousClock.now
        #expect(notes.isDue("cmp", software: "0.29.0", now: start), "a first contact is written")
        #expect(!notes.isDue("cmp", software: "0.29.0", now: start + .seconds(5)), "not again within the minute")
        #expect(notes.isDue("cdef", software: "0.29.0", now: start + .seconds(5)), "each member on its own")
        #expect(notes.isDue("cmp", software: "0.30.0", now: start + .seconds(10)), "a new version is written at once")
        #expect(!notes.isDue("cmp", software: "0.30.0", now: start + .seconds(69)))
        #expect(notes.isDue("cmp", software: "0.30.0", now: start + .seconds(71)), "and again once the minute has passed")
    }

    @Test func aContactThatWasNotWrittenIsWrittenAtTheNextSync() {
        let notes = ContactNotes()
        let start = ContinuousClock.now
        #expect(notes.isDue("cmp", software: nil, now: start))
        notes.forget("cmp")  // the write failed
        #expect(notes.isDue("cmp", software: nil, now: start + .seconds(1)))
    }
}
