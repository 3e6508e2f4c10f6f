import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import Observability
import Records
import ServiceLifecycle
import Storage

/// Request context that keeps the connection, to read the client's TLS certificate.
public struct HubRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    public var maxUploadSize: Int { Wire.maxBodyBytes }
}

/// Listed after the hub's application in a service group, so shut down before it: at a graceful
/// shutdown it answers the held long-polls, and the server need not wait for their timeouts.
public struct LongPollRelease: Service {
    let service: HubService

    public init(service: HubService) { self.service = service }

    public func run() async throws {
        try? await gracefulShutdown()
        await service.closeLongPolls()
    }
}

/// The hub's sync endpoint over HTTPS (protocol/federation.md, "Endpoints").
public enum HubServer {
    /// Builds the hub's HTTPS application. `onListening` receives the bound port (useful with port 0).
    public static func application(
        service: HubService,
        host: String,
        port: Int,
        logger: Logger,
        idleTimeout: Duration = Wire.idleTimeout,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = Router(context: HubRequestContext.self)
        router.add(middleware: RequestMetrics(server: "hub"))
        router.add(middleware: DeclaredSizeLimit())
        routes(router, service: service)
        // The idle timeout also bounds how long a request head may take: Hummingbird counts
        // activity in whole HTTP parts, so a head sent a byte at a time is idle all along.
        let http = HTTP1Channel.Configuration(idleTimeout: TimeAmount(idleTimeout))
        return Application(
            router: router,
            server: try .tls(.http1(configuration: http), tlsConfiguration: service.files.serverConfiguration()),
            // Room for every member reconnecting at once after a restart (Hummingbird's default is
            // 256; the kernel caps it at net.core.somaxconn).
            configuration: .init(address: .hostname(host, port: port), serverName: "vmvp-hub", backlog: 4096),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    static func routes(_ router: Router<HubRequestContext>, service: HubService) {
        router.get("/v1/ca") { _, _ in
            let pem = (try? String(contentsOfFile: service.files.trustedCAPath, encoding: .utf8)) ?? ""
            return Response(status: .ok, headers: [.contentType: "application/x-pem-file"], body: .init(byteBuffer: ByteBuffer(string: pem)))
        }
        router.post("/v1/enroll") { request, context in
            await respond(context) {
                try service.enroll(try await read(EnrollmentRequest.self, request)).wire
            }
        }
        router.post("/v1/renew") { request, context in
            await respond(context) {
                let caller = try await member(context, service, forRenewal: true)
                return try service.renew(try await read(RenewalRequest.self, request), from: caller).wire
            }
        }
        router.get("/v1/head") { request, context in
            await respond(context) {
                let software = SoftwareVersion.announced(by: request.headers[.userAgent])
                return try await service.head(for: try await member(context, service), software: software).wire
            }
        }
        router.post("/v1/push") { request, context in
            await respond(context) {
                let caller = try await member(context, service)
                return try await service.push(try await read(PushRequest.self, request), from: caller).wire
            }
        }
        router.get("/v1/changes") { request, context in
            await respond(context) {
                let caller = try await member(context, service)
                let since = try integer(request, "since", default: 0)
                let limit = try integer(request, "limit", default: Int64(Wire.defaultPageLimit))
                // Long-poll (milliseconds): hold an empty answer until something arrives.
                let timeout = try integer(request, "timeout", default: 0)
                return .raw(try await service.changes(for: caller, since: since, limit: Int(limit), wait: .milliseconds(timeout)))
            }
        }
        router.get("/v1/own") { request, context in
            await respond(context) {
                let caller = try await member(context, service)
                return try service.own(
                    for: caller,
                    afterSeq: try integer(request, "after", default: 0),
                    limit: Int(try integer(request, "limit", default: Int64(Wire.defaultPageLimit)))
                ).wire
            }
        }
    }

    /// The caller, by its client certificate. `forRenewal`: an earlier, unexpired certificate of
    /// the same member is accepted too (its renewal answer may have been lost on the way).
    static func member(_ context: HubRequestContext, _ service: HubService, forRenewal: Bool = false) async throws -> MemberIdentity {
        guard let certificate = try? await context.channel.nioSSL_peerCertificate().get() else {
            throw ProtocolError(
                status: 401,
                code: "certificate_required",
                message: "Certificat client requis : seuls les nœuds inscrits peuvent se synchroniser."
            )
        }
        let fingerprint = CertificateAuthority.fingerprint(derBytes: try certificate.toDERBytes())
        if forRenewal, try service.node.members.member(certificateFingerprint: fingerprint) == nil,
            let earlier = try service.node.hub.memberOfEarlierCertificate(fingerprint)
        {
            return earlier
        }
        return try service.identify(certificateFingerprint: fingerprint)
    }

    /// A query parameter read strictly: given at most once, decimal digits only, no sign, no
    /// leading zero, at most 2^53 − 1 (so that every position stays exact in any JSON reader).
    static func integer(_ request: Request, _ name: String, default value: Int64) throws -> Int64 {
        let values = request.uri.queryParameters[values: Substring(name)]
        guard let text = values.first else { return value }
        guard values.count == 1 else { throw ProtocolError.badRequest("paramètre « \(name) » donné plusieurs fois") }
        let digits = text.utf8
        guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }), digits.count == 1 || digits.first != 0x30,
            let number = Int64(String(text)), number <= Wire.maxSafeInteger
        else {
            throw ProtocolError.badRequest("paramètre « \(name) » : entier positif attendu (chiffres seuls, sans zéro initial, 2^53 − 1 au plus)")
        }
        return number
    }

    /// Reads a request body as a typed message; a missing or mistyped field is a `400 bad_request`.
    static func read<Message: WireMessage>(_ type: Message.Type, _ request: Request) async throws -> Message {
        do { return try Message(wire: try await readJSON(request)) } catch let error as WireError {
            throw ProtocolError.badRequest(error.description)
        }
    }

    static func readJSON(_ request: Request) async throws -> JSONValue {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: Wire.maxBodyBytes) } catch {
            throw ProtocolError.bodyTooLarge
        }
        do { return try JSONParser.parse(Array(buffer.readableBytesView)) } catch {
            throw ProtocolError.badRequest("JSON invalide : \(error.description)")
        }
    }

    /// Runs a handler and turns its outcome into a JSON response; errors carry a code and a French message.
    /// A handler's answer: a JSON value, or bytes already encoded as JSON.
    enum Answer {
        case value(JSONValue)
        case raw(ByteBuffer)
    }

    static func respond(_ context: HubRequestContext, _ body: () async throws -> JSONValue) async -> Response {
        await respond(context) { () async throws -> Answer in .value(try await body()) }
    }

    static func respond(_ context: HubRequestContext, _ body: () async throws -> Answer) async -> Response {
        do {
            switch try await body() {
            case .value(let value): return json(.ok, value)
            case .raw(let buffer):
                return Response(
                    status: .ok,
                    headers: [.contentType: "application/json; charset=utf-8"],
                    body: .init(byteBuffer: buffer)
                )
            }
        } catch let error as ProtocolError {
            return json(HTTPResponse.Status(code: error.status), error.wire)
        } catch {
            // Unexpected (e.g. the disk): transient for the caller, which keeps its cursor and retries.
            context.logger.error("hub request failed", metadata: ["error": "\(String(describing: type(of: error)))"])
            return json(
                .serviceUnavailable,
                ProtocolError(
                    status: 503,
                    code: "unavailable",
                    message: "Le hub n'a pas pu traiter la demande pour l'instant ; elle sera retentée."
                ).wire
            )
        }
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: Wire.bytes(value)))
        )
    }
}

/// Refuses a request whose declared body is over the limit before reading any of it, and closes
/// the connection after answering: waiting for 10^12 announced bytes would hold it for nothing.
struct DeclaredSizeLimit: RouterMiddleware {
    typealias Context = HubRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let declared = request.headers[.contentLength], let size = Int(declared), size > Wire.maxBodyBytes else {
            return try await next(request, context)
        }
        let error = ProtocolError.bodyTooLarge
        let bytes = (try? CanonicalJSON.encode(error.wire)) ?? []
        let channel = context.channel
        return Response(
            status: .contentTooLarge,
            headers: [.contentType: "application/json; charset=utf-8", .connection: "close", .contentLength: String(bytes.count)],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: bytes))
                try await writer.finish(nil)
                channel.close(promise: nil)
            }
        )
    }
}
