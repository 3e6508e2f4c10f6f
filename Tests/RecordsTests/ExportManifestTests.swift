import Testing

@testable import Records

@Suite("Export manifest")
struct ExportManifestTests {
    private func manifest(for chain: ChainBuilder, exporter: String? = nil) -> ExportManifest {
        let last = chain.envelopes.last!
        return ExportManifest(
            exporter: exporter ?? chain.structure,
            key: chain.identity.keyID,
            hub: .init(structure: "01a20000-0000-7000-8000-0000000000aa", key: "ed25519:0123456789abcdef0123456789abcdef"),
            complete: [.init(origin: chain.structure, chain: .shared, seq: last.header.seq, hash: last.hash)]
        )
    }

    @Test func readsBackWhatItSigned() throws {
        var chain = ChainBuilder()
        _ = try chain.add()
        _ = try chain.add()
        let line = try manifest(for: chain).line(signedBy: chain.identity)
        let read = try #require(ExportManifest.read(line))
        #expect(read.manifest == manifest(for: chain))
        let keys = [chain.identity.keyID: chain.identity.publicKey]
        #expect(read.manifest.faults(signature: read.signature, keys: keys, envelopes: chain.envelopes).isEmpty)
    }

    @Test func anEnvelopeLineIsNotAManifest() throws {
        var chain = ChainBuilder()
        #expect(ExportManifest.read(try chain.add().wireLine) == nil)
    }

    @Test func missingAndSurplusRecordsAreNamed() throws {
        var chain = ChainBuilder()
        for _ in 0..<3 { _ = try chain.add() }
        let signed = manifest(for: chain)
        let signature = try chain.identity.sign(signed.bytes)
        let keys = [chain.identity.keyID: chain.identity.publicKey]
        let dropped = signed.faults(signature: signature, keys: keys, envelopes: [chain.envelopes[0], chain.envelopes[2]])
        #expect(dropped.map(\.problem) == ["export incomplet : il manque à la chaîne partagée de la structure \(chain.structure) : n° 2."])
        let extra = try chain.add()
        let surplus = signed.faults(signature: signature, keys: keys, envelopes: chain.envelopes)
        #expect(surplus.map(\.envelopeID) == [extra.id])
    }

    /// Another structure's key cannot vouch for an export it did not make, even if its profile
    /// is in the file and its signature is valid.
    @Test func onlyTheExportersOwnKeySigns() throws {
        var victim = ChainBuilder()
        var forger = ChainBuilder()
        _ = try victim.add()
        _ = try forger.add()
        let forged = ExportManifest(exporter: victim.structure, key: forger.identity.keyID, hub: nil, complete: [])
        let signature = try forger.identity.sign(forged.bytes)
        let keys = [victim.identity.keyID: victim.identity.publicKey, forger.identity.keyID: forger.identity.publicKey]
        let faults = forged.faults(signature: signature, keys: keys, envelopes: victim.envelopes + forger.envelopes)
        #expect(faults.count == 1 && faults[0].problem.contains("n'est pas celle de la structure"))
    }
}
