import Exchange
import Foundation
import Hummingbird
import NIOCore
import Records
import Workflow

/// The hub's public verification of attestation credentials: `/verifier`, where anyone drops a
/// `.jwt` file or pastes it and reads whether it is authentic and what it attests, and
/// `/verifier/cles.json`, the member directory's signing keys as a JSON Web Key Set. No sign-in;
/// the upload is size-limited, each address is throttled, and nothing given is kept. On a
/// partner node these addresses do not exist.
struct VerifierController {
    let site: SiteEnvironment
    let throttle: VerificationThrottle

    /// A credential and the form's own bytes (boundaries, field names).
    static let maxBodyBytes = CredentialCheck.maxBytes + 4 * 1024

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/verifier") { _, context in
            await site.page(context) {
                guard try site.isHub() else { throw PageError.notFound }
                return site.render(VerifierPage(), title: "Vérifier une attestation", context: context)
            }
        }
        router.post("/verifier") { request, context in
            await site.page(context) {
                guard try site.isHub() else { throw PageError.notFound }
                return try await verify(request, context)
            }
        }
        router.get("/verifier/cles.json") { _, context in
            await site.page(context) {
                guard try site.isHub() else { throw PageError.notFound }
                let keys = try CanonicalJSON.encodeString(CredentialCheck.keySet(site.node.members.signingKeys()))
                return Response(
                    status: .ok,
                    headers: [.contentType: "application/jwk-set+json", .cacheControl: "max-age=300"],
                    body: .init(byteBuffer: ByteBuffer(string: keys))
                )
            }
        }
    }

    func verify(_ request: Request, _ context: SiteContext) async throws -> Response {
        let title = "Vérifier une attestation"
        let configuration = site.configuration
        guard
            throttle.allow(
                context.remoteAddress,
                limit: configuration.maxVerificationsPerAddress,
                window: configuration.verificationWindow,
                now: site.now
            )
        else {
            throw PageError(
                status: .tooManyRequests,
                title: "Trop de vérifications",
                explanation: "Cette adresse a fait beaucoup de vérifications en peu de temps : réessayez dans quelques minutes."
            )
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: Self.maxBodyBytes) } catch is NIOTooManyBytesError {
            let refusal = CredentialRefusal(
                .tooLarge,
                "le fichier dépasse \(CredentialCheck.maxBytes / 1024) Kio : ce n'est pas une attestation Vis ma vie pro."
            )
            return site.render(VerifierPage(refusal: refusal), title: title, context: context, status: .contentTooLarge)
        }
        let text = String(decoding: body.readableBytesView, as: UTF8.self)
        let form = MultipartForm.boundary(request.headers[.contentType] ?? "").map { MultipartForm.parse(text, boundary: $0) } ?? Form(encoded: text)
        let given = [form["file"], form["credential"]].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty }
        guard let given else { return site.render(VerifierPage(refusal: VerifierPage.empty), title: title, context: context, status: .badRequest) }
        do {
            let verified = try Credentials(node: site.node).verify(given)
            return site.render(VerifierPage(verified: verified, names: try site.structureNames()), title: title, context: context)
        } catch let refusal as CredentialRefusal {
            return site.render(VerifierPage(refusal: refusal), title: title, context: context, status: .unprocessableContent)
        }
    }
}
