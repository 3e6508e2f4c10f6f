import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// "Mon compte": each person's own account, their password and their other sessions.
struct MyAccountController {
    let site: SiteEnvironment

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/mon-compte") { request, context in
            await site.page(context) {
                let session = try site.require(context)
                let notice = request.uri.queryParameters["fait"].flatMap { MyAccountPage.notices[String($0)] }
                return try page(session, context, notice: notice)
            }
        }
        router.post("/mon-compte/mot-de-passe") { request, context in
            await site.page(context) {
                let session = try site.require(context)
                let form = try await site.readForm(request, context, session)
                return try await site.once(form, session) {
                    do {
                        try site.accountDesk.changePassword(
                            session.account,
                            current: form["current"],
                            new: form["password"],
                            confirmation: form["confirmation"],
                            keeping: session.tokenHash,
                            address: context.remoteAddress
                        )
                        return .done("/mon-compte?fait=mot-de-passe")
                    } catch let error as AccountFormError {
                        return .notDone(try page(session, context, errors: error.errors, status: .badRequest))
                    } catch let refusal as Refusal {
                        return .notDone(try page(session, context, refusal: refusal.message, status: .tooManyRequests))
                    }
                }
            }
        }
        router.post("/mon-compte/sessions") { request, context in
            await site.page(context) {
                let session = try site.require(context)
                let form = try await site.readForm(request, context, session)
                return try await site.once(form, session) {
                    try site.accountDesk.endOtherSessions(session.account, keeping: session.tokenHash, address: context.remoteAddress)
                    return .done("/mon-compte?fait=sessions")
                }
            }
        }
    }

    func page(
        _ session: Session,
        _ context: SiteContext,
        notice: String? = nil,
        refusal: String? = nil,
        errors: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let sessions = try site.node.accounts.sessionCount(account: session.account.id, now: site.now)
        let page = MyAccountPage(
            session: session,
            formToken: site.formToken(),
            sessionsFormToken: site.formToken(),
            otherSessions: max(0, sessions - 1),
            notice: notice,
            refusal: refusal,
            errors: errors
        )
        return site.render(page, title: "Mon compte", context: context, status: status)
    }
}
