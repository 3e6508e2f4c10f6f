import Federation
import Foundation
import NIOSSL
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Storage

/// What an implementer probing the hub from outside met, each now answered.
@Suite("Hub hardening", .serialized)
struct HubHardeningTests {
    func port(_ network: TestNetwork) -> Int { Int(network.url.split(separator: ":").last!)! }

    @Test func onlyAEADCipherSuitesAreAccepted() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("CMP Béziers", sector: .sanitaire)
            for (suites, accepted) in [
                ("ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA", false),
                ("ECDHE-ECDSA-AES128-GCM-SHA256", true),
                ("ECDHE-ECDSA-CHACHA20-POLY1305", true),
            ] {
                var tls = try TLSFiles(node.directory).clientConfiguration()
                tls.maximumTLSVersion = .tlsv12
                tls.cipherSuites = suites
                let transport = HTTPSHubTransport(baseURL: network.url, tls: tls, connectTimeout: .seconds(2))
                if accepted {
                    _ = try await transport.call(.GET, "/v1/head", body: nil)
                } else {
                    await #expect(throws: SyncError.self, "TLS 1.2 with \(suites)") { try await transport.call(.GET, "/v1/head", body: nil) }
                }
                await transport.shutdown()
            }
        }
    }

    @Test func aHugeDeclaredLengthIsAnsweredAtOnceAndTheConnectionClosed() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("CMP Béziers", sector: .sanitaire)
            let head = "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n{"
            let outcome = await RawTLS.exchange(
                port: port(network),
                tls: try TLSFiles(node.directory).clientConfiguration(),
                chunks: [head],
                timeout: .seconds(10)
            )
            #expect(outcome.received.hasPrefix("HTTP/1.1 413") && outcome.received.contains("body_too_large"), "\(outcome.received)")
            #expect(outcome.closedByHub && outcome.elapsed < .seconds(5), "answered and closed without waiting for the body")
        }
    }

    @Test func idleConnectionsAndSlowHeadsAreClosed() async throws {
        try await withTestNetwork(idleTimeout: .seconds(1)) { network in
            let node = try await network.addNode("CMP Béziers", sector: .sanitaire)
            let tls = try TLSFiles(node.directory).clientConfiguration()
            let port = port(network)
            // Twenty connections that say nothing: all closed by the hub.
            let idle = await withTaskGroup(of: RawTLS.Outcome.self) { group in
                for _ in 0..<20 { group.addTask { await RawTLS.exchange(port: port, tls: tls, timeout: .seconds(10)) } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(idle.allSatisfy { $0.closedByHub && $0.elapsed < .seconds(6) }, "\(idle.map(\.elapsed))")
            // A head sent a few bytes at a time, never finished: closed as well.
            let head = "GET /v1/head HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + String(repeating: "a", count: 60)
            let chunks = stride(from: 0, to: head.count, by: 3).map { String(head.dropFirst($0).prefix(3)) }
            let slow = await RawTLS.exchange(port: port, tls: tls, chunks: chunks, pause: .milliseconds(300), timeout: .seconds(20))
            #expect(slow.closedByHub && slow.elapsed < .seconds(8), "\(slow.elapsed)")
            // A normal exchange still works.
            try await network.sync(node)
        }
    }

    @Test func aReusedBatchIdWithOtherContentIsAConflict() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("CMP Béziers", sector: .sanitaire)
            let transport = try network.transport(for: node)
            try await network.sync(node)
            let first = try node.addOffer(commune: "Agde")
            let batch = RecordID.make()
            let body = JSONValue.object(["batch": .string(batch), "envelopes": .array([first.wireJSON])])
            let answer = try await transport.call(.POST, "/v1/push", body: body)
            #expect(answer["accepted"]?.arrayValue?.count == 1)
            let again = try await transport.call(.POST, "/v1/push", body: body)
            #expect(again["replayed"] == .bool(true), "the same content is a retry")
            let second = try node.addOffer(commune: "Sète")
            let other = JSONValue.object(["batch": .string(batch), "envelopes": .array([second.wireJSON])])
            await #expect {
                try await transport.call(.POST, "/v1/push", body: other)
            } throws: { error in
                guard case SyncError.refused(let refusal) = error else { return false }
                return refusal.status == 409 && refusal.code == "batch_conflict" && refusal.message.contains("autre contenu")
            }
            #expect(try network.hub.store.currentRecord(second.header.record) == nil, "nothing applied")
        }
    }

    @Test(arguments: [
        ("since=%2B1", false), ("since=01", false), ("since=1&since=2", false), ("since=9007199254740992", false),
        ("since=-1", false), ("since=", false), ("since=1e3", false), ("since=0", true), ("since=9007199254740991", true),
        ("limit=007", false), ("limit=10", true),
    ])
    func queryParametersAreReadStrictly(_ query: String, _ accepted: Bool) async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("CMP Béziers", sector: .sanitaire)
            let transport = try network.transport(for: node)
            if accepted {
                let page = try await transport.call(.GET, "/v1/changes?\(query)", body: nil)
                let next = try #require(page["next"]?.integerValue)
                #expect(next >= 0 && next <= Wire.maxSafeInteger)
            } else {
                await #expect {
                    try await transport.call(.GET, "/v1/changes?\(query)", body: nil)
                } throws: { error in
                    guard case SyncError.refused(let refusal) = error else { return false }
                    return refusal.code == "bad_request"
                }
            }
        }
    }

    @Test func sealedBodiesWithFieldsOfTheWrongSizeAreRejected() async throws {
        try await withTestNetwork { network in
            let a = try await network.addNode("A", sector: .social)
            let b = try await network.addNode("B", sector: .social)
            try await network.syncAll([a, b])
            let genuine = try a.appendSealed(Message(subject: "Accueil", text: "Bonjour"), to: [b.structureID])
            guard case .object(var sealed) = try JSONParser.parse(genuine.body), case .array(var keys) = sealed["keys"],
                case .object(var key) = keys[0]
            else {
                Issue.record("not a sealed body")
                return
            }
            key["enc"] = .string("AAAA")
            keys[0] = .object(key)
            sealed["keys"] = .array(keys)
            let bytes = try CanonicalJSON.encode(.object(sealed))
            var header = genuine.header
            header.id = RecordID.make()
            header.record = header.id
            header.seq += 1
            header.prev = genuine.hash
            header.bodyHash = Digest.sha256Hex(bytes)
            let forged = try Envelope.sign(header: header, body: bytes, with: a.author.identity)
            let answer = try await network.transport(for: a).call(
                .POST,
                "/v1/push",
                body: .object(["batch": .string(RecordID.make()), "envelopes": .array([genuine.wireJSON, forged.wireJSON])])
            )
            let rejected = answer["rejected"]?.arrayValue ?? []
            #expect(rejected.count == 1 && rejected[0]["id"]?.stringValue == forged.id, "\(answer)")
            #expect(rejected.first?["reason"]?.stringValue?.contains("« enc » doit faire 32 octets, pas 3") == true, "\(answer)")
        }
    }
}
