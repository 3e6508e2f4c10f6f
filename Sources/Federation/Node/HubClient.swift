import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Records
import Synchronization

public typealias HubMethod = HTTPMethod

/// Carries one protocol call to the hub. The real one is HTTPS; tests wrap it to inject failures.
public protocol HubTransport: Sendable {
    func call(_ method: HubMethod, _ path: String, body: JSONValue?) async throws -> JSONValue
}

/// Why a sync call failed, in French for staff.
public enum SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreachable(String)
    case refused(ProtocolError)
    case malformedResponse(String)
    /// Our chain differs from the hub's from `seq` on; `lost` describes our records from there,
    /// which the network will never take (the hub keeps its own version).
    case forkedWithHub(seq: Int64, lost: [String])
    case notEnrolled

    public var description: String {
        switch self {
        case .unreachable(let why): "Hub injoignable (\(why)) : le travail local continue, la synchronisation reprendra seule."
        case .refused(let error): error.message
        case .malformedResponse(let why): "Réponse du hub incompréhensible : \(why)."
        case .forkedWithHub(let seq, let lost):
            "Le hub détient un autre enregistrement n° \(seq) pour cette structure : ce nœud a divergé du réseau (base remise en place sans « vmvp restore » ?). "
                + (lost.isEmpty
                    ? ""
                    : "Le réseau garde sa version ; \(lost.count == 1 ? "cet enregistrement écrit ici ne sera pas transmis" : "ces \(lost.count) enregistrements écrits ici ne seront pas transmis") : \(lost.joined(separator: " ; ")). ")
                + "La synchronisation est arrêtée : contacter la MDA."
        case .notEnrolled: "Ce nœud n'est pas encore inscrit auprès du hub : lancer « vmvp enroll »."
        }
    }

    /// Transient failures are retried with backoff; the others need a person.
    public var isTransient: Bool {
        switch self {
        case .unreachable: true
        case .refused(let error): error.status >= 500 || error.status == 429
        default: false
        }
    }
}

/// HTTPS transport over AsyncHTTPClient with our client certificate (mutual TLS).
public final class HTTPSHubTransport: HubTransport {
    /// Replaced by `reload` when the node's certificate is renewed.
    private let current: Mutex<HTTPClient>
    let baseURL: String
    let timeouts: HTTPClient.Configuration.Timeout

    var client: HTTPClient { current.withLock { $0 } }

    /// `connectTimeout` covers the TCP connection and the TLS handshake. 10 s: a hub busy with many
    /// members finishes a handshake late rather than never, and a node that gave up at 3 s threw
    /// that work away and came back with another (docs/benchmark.md, "A hub for many nodes").
    public init(baseURL: String, tls: TLSConfiguration, connectTimeout: TimeAmount = .seconds(10), readTimeout: TimeAmount = .seconds(60)) {
        timeouts = .init(connect: connectTimeout, read: readTimeout)
        current = Mutex(Self.makeClient(tls: tls, timeouts: timeouts))
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    static func makeClient(tls: TLSConfiguration, timeouts: HTTPClient.Configuration.Timeout) -> HTTPClient {
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = timeouts
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Uses `tls` (a renewed certificate) from the next request on. The previous client is shut
    /// down: a request it still carries (a held long-poll) fails and is asked again on the new one.
    public func reload(tls: TLSConfiguration) async {
        let fresh = Self.makeClient(tls: tls, timeouts: timeouts)
        let previous = current.withLock { client in
            defer { client = fresh }
            return client
        }
        try? await previous.shutdown()
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Shuts the client down, waiting at most `limit`: a request the hub still holds (a
    /// long-poll) would otherwise keep a stopping node waiting until the hub answers it. For a
    /// process about to exit, whose sockets the system closes anyway.
    public func shutdown(within limit: Duration) async {
        let (done, signal) = AsyncStream.makeStream(of: Void.self)
        let client = self.client
        Task {
            try? await client.shutdown()
            signal.yield()
        }
        Task {
            try? await Task.sleep(for: limit)
            signal.yield()
        }
        for await _ in done { break }
    }

    /// Runs `body` with the transport, then shuts its connections down whatever happens.
    public static func using<T: Sendable>(_ transport: HTTPSHubTransport, _ body: (HTTPSHubTransport) async throws -> T) async throws -> T {
        do {
            let result = try await body(transport)
            await transport.shutdown()
            return result
        } catch {
            await transport.shutdown()
            throw error
        }
    }

    public func call(_ method: HubMethod, _ path: String, body: JSONValue?) async throws -> JSONValue {
        let (status, bytes) = try await raw(method, path, body: body.map(Wire.bytes))
        let json = try? JSONParser.parse(bytes)
        guard (200..<300).contains(status) else { throw SyncError.refused(ProtocolError.from(json, status: status)) }
        guard let json else { throw SyncError.malformedResponse("JSON attendu") }
        return json
    }

    func raw(_ method: HTTPMethod, _ path: String, body: [UInt8]?) async throws -> (Int, [UInt8]) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        // The hub shows the MDA which version each member runs.
        request.headers.add(name: "User-Agent", value: SoftwareVersion.userAgent)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do { response = try await client.execute(request, timeout: .seconds(120)) } catch {
            throw SyncError.unreachable(Self.explain(error))
        }
        do {
            let buffer = try await response.body.collect(upTo: Wire.maxBodyBytes)
            return (Int(response.status.code), Array(buffer.readableBytesView))
        } catch {
            throw SyncError.unreachable("réponse interrompue")
        }
    }

    /// For load generators (`vmvp bench hub`): the changes feed's answer exactly as sent, not
    /// decoded, so that a thousand simulated nodes in one process cost what the network costs.
    public func changesAnswer(since cursor: Int64, limit: Int, wait: Duration) async throws -> [UInt8] {
        let milliseconds = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
        let (status, bytes) = try await raw(.GET, "/v1/changes?since=\(cursor)&limit=\(limit)&timeout=\(milliseconds)", body: nil)
        guard status == 200 else { throw SyncError.refused(ProtocolError.from(try? JSONParser.parse(bytes), status: status)) }
        return bytes
    }

    /// A short French reason, never a certificate or key.
    static func explain(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("Timeout") { return "délai de connexion dépassé" }
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connexion refusée" }
        if text.contains("handshake") || text.contains("SSL") || text.contains("certificate") || text.contains("TLS") {
            return "échec de la connexion sécurisée (certificat refusé ou non reconnu)"
        }
        return "erreur réseau"
    }
}
