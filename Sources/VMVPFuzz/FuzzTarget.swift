import Exchange
import Federation
import Foundation
import Records

/// One input through every reader that takes bytes from outside: the strict JSON parser, the
/// wire envelope, the sync messages, sealed bodies, export manifests and attestation credentials. Refusing is fine;
/// crashing, hanging, or a reader disagreeing with its own writer is a bug.
enum FuzzTarget {
    static func run(_ bytes: [UInt8]) {
        readJSON(bytes)
        readEnvelope(bytes)
        _ = ExportManifest.read(bytes)
        readCredential(bytes)
        guard let value = try? JSONParser.parse(bytes) else { return }
        readMessages(value)
        if let sealed = try? SealedBody(json: value) {
            check((try? SealedBody(json: JSONParser.parse(sealed.canonicalBytes()))) == sealed, "sealed body round trip")
        }
    }

    /// What parses re-encodes canonically and parses back the same; canonical input is a fixed point.
    static func readJSON(_ bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes) else { return }
        if let encoded = try? CanonicalJSON.encode(value) {
            check(CanonicalJSON.isCanonical(encoded), "canonical encoding is canonical")
            check((try? JSONParser.parse(encoded)) == value.normalizedToNFC(), "canonical encoding parses back")
        }
        if CanonicalJSON.isCanonical(bytes) {
            check((try? CanonicalJSON.encode(value)) == bytes, "canonical input is a fixed point")
        }
    }

    /// An attestation credential as the hub's /verifier reads it: a JWS keeps its text, and a
    /// payload that reads as a credential is exactly what that credential writes.
    static func readCredential(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? CredentialCheck.verify(text, keys: [])
        guard let jws = try? CompactJWS(parsing: text) else { return }
        check(jws.text == text, "JWS keeps its text")
        if let credential = try? AttestationCredential(payload: jws.payload) {
            check(credential.json == jws.payload, "credential round trip")
        }
    }

    static func readEnvelope(_ bytes: [UInt8]) {
        guard let envelope = try? Envelope(wireLine: bytes) else { return }
        check(CanonicalJSON.isCanonical(envelope.wireLine), "wire line canonical")
        check((try? Envelope(wireLine: envelope.wireLine)) == envelope, "envelope round trip")
    }

    /// Every sync message: what one reads, its own writer writes back readably.
    static func readMessages(_ value: JSONValue) {
        roundTrip(HeadResponse.self, value)
        roundTrip(PushRequest.self, value)
        roundTrip(PushResponse.self, value)
        roundTrip(ChangesResponse.self, value)
        roundTrip(OwnResponse.self, value)
        roundTrip(EnrollmentRequest.self, value)
        roundTrip(EnrollmentResponse.self, value)
        _ = ProtocolError.from(value, status: 400)
    }

    static func roundTrip<Message: WireMessage>(_ type: Message.Type, _ value: JSONValue) {
        guard let message = try? Message(wire: value) else { return }
        check((try? Message(wire: message.wire)) != nil, "\(Message.self) round trip")
    }

    static func check(_ condition: Bool, _ property: String) {
        if !condition { fatalError("fuzz property broken: \(property)") }
    }
}

#if FUZZING
/// libFuzzer's entry point (built with `-sanitize=fuzzer` by scripts/fuzz.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver, for programs that keep their own `main` (SwiftPM names the executable's
/// entry point itself, so libFuzzer's `main` cannot be the one linked).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@main
struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
    }
}
#else
/// Without libFuzzer: replays the files (or directories of files) given, e.g. a saved corpus
/// or a crash reproducer, through the same target.
@main
struct Replay {
    static func main() {
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { continue }
            let files =
                isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map { argument + "/" + $0 } : [argument]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                FuzzTarget.run(Array(data))
                count += 1
            }
        }
        print("\(count) entrées rejouées sans anomalie.")
    }
}
#endif
