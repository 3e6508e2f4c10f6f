import Foundation
import GRDB
import TestSupport
import Testing

@testable import Records
@testable import Storage
@testable import Workflow

/// A clock the test moves by hand (link expiry, throttling windows).
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)
    func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
    func now() -> Date { lock.withLock { current } }
}

/// A node with one administrator, and the desk that manages its accounts.
struct AccountBench {
    let node: OpenNode
    let clock = MovableClock()
    let admin: Account
    static let adminPassword = "une phrase de passe assez longue"
    static let goodPassword = "le phare de Sète veille la nuit"

    init() throws {
        node = try NodeDirectory.create(at: TestPaths.temporaryDirectory("accounts").appendingPathComponent("node").path) { s, e in
            StructureProfile(
                name: "CMP enfants de Béziers",
                sector: .sanitaire,
                establishments: [.init(name: "CMP", commune: "Béziers")],
                signingKey: s,
                encryptionKey: e
            )
        }
        admin = try node.accounts.add(
            email: "admin@cmp.example",
            name: "Claire Admin",
            role: .admin,
            passwordHash: PasswordPolicy.hash(Self.adminPassword, cost: 4)
        )
    }

    var desk: AccountDesk {
        let clock = self.clock
        return AccountDesk(node: node, siteURL: "https://vmvp.cmp.example/", bcryptCost: 4, clock: { clock.now() })
    }

    var source: AuditSource { AuditSource(account: admin, address: "192.0.2.7") }

    /// The token at the end of a link.
    static func token(_ link: IssuedLink) -> String { String(link.url.split(separator: "/").last ?? "") }

    /// Invites someone and activates the account with `goodPassword`.
    func activeAccount(_ email: String, role: Role = .professionnel) throws -> Account {
        let link = try desk.invite(email: email, name: "Personne \(role.rawValue)", role: role, by: source)
        return try desk.choosePassword(
            token: Self.token(link),
            .activation,
            password: Self.goodPassword,
            confirmation: Self.goodPassword,
            address: nil
        )
    }

    func actions() throws -> [AuditAction] { try node.audit.entries().map(\.action).reversed() }

    func openSession(_ account: Account, _ tokenHash: String) throws {
        try node.accounts.createSession(account: account.id, tokenHash: tokenHash, csrf: "c", lifetime: 3600, now: clock.now())
    }
}

@Suite("Accounts: invitations and links")
struct AccountLinkTests {
    @Test func anInvitationLinkSetsThePasswordOnceAndExpiresAfter48Hours() throws {
        let bench = try AccountBench()
        let link = try bench.desk.invite(email: "Sophie.Ribes@cmp.example ", name: " Sophie Ribes", role: .referent, by: bench.source)
        #expect(link.url.hasPrefix("https://vmvp.cmp.example/activation/"))
        #expect(link.expires == Timestamp(bench.clock.now().addingTimeInterval(48 * 3600)))
        #expect(link.message.recipient == "Sophie.Ribes@cmp.example")
        #expect(link.message.body.contains(link.url) && link.message.body.contains("rôle « référent de la structure »"))
        #expect(link.account.status == .invited && link.account.passwordHash.isEmpty)
        let token = AccountBench.token(link)
        // Only the token's hash is stored.
        let stored = try bench.node.database.pool.read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM account_links") }
        #expect(stored == [LinkToken.hash(token)] && !stored.contains(token))

        let account = try bench.desk.choosePassword(
            token: token,
            .activation,
            password: AccountBench.goodPassword,
            confirmation: AccountBench.goodPassword,
            address: "192.0.2.9"
        )
        #expect(account.status == .active && PasswordPolicy.verify(AccountBench.goodPassword, hash: account.passwordHash))
        #expect(try bench.desk.linkState(token, .activation) == .used)
        #expect(throws: UnusableLink(state: .used)) {
            try bench.desk.choosePassword(
                token: token,
                .activation,
                password: "un autre mot de passe",
                confirmation: "un autre mot de passe",
                address: nil
            )
        }
        #expect(try bench.actions() == [.accountInvited, .accountActivated])

        let late = try bench.desk.invite(email: "tard@cmp.example", name: "Tard", role: .professionnel, by: bench.source)
        bench.clock.advance(48 * 3600 + 1)
        #expect(try bench.desk.linkState(AccountBench.token(late), .activation) == .expired)
        #expect(throws: UnusableLink(state: .expired)) {
            try bench.desk.choosePassword(
                token: AccountBench.token(late),
                .activation,
                password: AccountBench.goodPassword,
                confirmation: AccountBench.goodPassword,
                address: nil
            )
        }
        #expect(try bench.node.accounts.account(email: "tard@cmp.example")?.status == .invited, "nothing written")
        #expect(try bench.desk.linkState("pas-un-jeton", .activation) == .unknown)
        #expect(try bench.desk.linkState(LinkToken.random().value, .activation) == .unknown)
    }

    @Test func aNewInvitationReplacesTheEarlierLink() throws {
        let bench = try AccountBench()
        let first = try bench.desk.invite(email: "a@cmp.example", name: "A", role: .professionnel, by: bench.source)
        let second = try bench.desk.renewInvitation(first.account.id, by: bench.source)
        #expect(try bench.desk.linkState(AccountBench.token(first), .activation) == .expired)
        #expect(try bench.desk.linkState(AccountBench.token(second), .activation) == .valid(first.account))
        // An activation link is no reset link, and the other way round.
        #expect(try bench.desk.linkState(AccountBench.token(second), .reset) == .unknown)
        _ = try bench.desk.choosePassword(
            token: AccountBench.token(second),
            .activation,
            password: AccountBench.goodPassword,
            confirmation: AccountBench.goodPassword,
            address: nil
        )
        #expect(throws: Refusal.self) { try bench.desk.renewInvitation(first.account.id, by: bench.source) }
    }

    @Test func invitationErrorsNameTheFieldAndStoreNothing() throws {
        let bench = try AccountBench()
        #expect(throws: AccountFormError(["email": "adresse électronique invalide.", "name": "champ obligatoire."])) {
            try bench.desk.invite(email: "pas une adresse", name: " ", role: .professionnel, by: bench.source)
        }
        #expect(throws: AccountFormError(["email": "un compte existe déjà avec cette adresse."])) {
            try bench.desk.invite(email: "ADMIN@cmp.example", name: "Double", role: .admin, by: bench.source)
        }
        #expect(try bench.node.accounts.all().count == 1)
        #expect(try bench.actions().isEmpty)
    }

    @Test func aResetLinkLastsOneHourAndEndsEverySession() throws {
        let bench = try AccountBench()
        let account = try bench.activeAccount("pro@cmp.example")
        try bench.openSession(account, "session-a")
        guard case .answered(let link?) = try bench.desk.requestReset(email: "PRO@cmp.example", clientAddress: "192.0.2.1") else {
            Issue.record("no link for an active account")
            return
        }
        #expect(link.url.hasPrefix("https://vmvp.cmp.example/reinitialisation/") && link.message.body.contains(link.url))
        #expect(link.expires == Timestamp(bench.clock.now().addingTimeInterval(3600)))
        let password = "un nouveau départ pour ce compte"
        _ = try bench.desk.choosePassword(token: AccountBench.token(link), .reset, password: password, confirmation: password, address: nil)
        #expect(try bench.node.accounts.sessionCount(account: account.id, now: bench.clock.now()) == 0)
        #expect(PasswordPolicy.verify(password, hash: try #require(try bench.node.accounts.account(id: account.id)).passwordHash))
        #expect(try bench.desk.linkState(AccountBench.token(link), .reset) == .used)

        guard case .answered(let late?) = try bench.desk.requestReset(email: "pro@cmp.example", clientAddress: "192.0.2.1") else {
            Issue.record("no second link")
            return
        }
        bench.clock.advance(3601)
        #expect(try bench.desk.linkState(AccountBench.token(late), .reset) == .expired)
        #expect(try bench.actions().suffix(1) == [.passwordReset])
    }

    /// Unknown, invited and deactivated addresses get the same answer as an active one, and no link.
    @Test func aResetRequestNeverRevealsWhetherAnAccountExists() throws {
        let bench = try AccountBench()
        _ = try bench.activeAccount("actif@cmp.example")
        _ = try bench.desk.invite(email: "invite@cmp.example", name: "Invité", role: .professionnel, by: bench.source)
        let off = try bench.activeAccount("parti@cmp.example")
        try bench.desk.change(off.id, .deactivate, by: bench.source)
        let linksBefore = try bench.node.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account_links") }
        for email in ["inconnu@cmp.example", "invite@cmp.example", "parti@cmp.example"] {
            guard case .answered(nil) = try bench.desk.requestReset(email: email, clientAddress: "192.0.2.\(email.count)") else {
                Issue.record("\(email): a link or a different answer")
                continue
            }
        }
        let linksAfter = try bench.node.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account_links") }
        #expect(linksAfter == linksBefore)
        // Addresses asked for are not collected: the counters hold hashes.
        let keys = try bench.node.database.pool.read { db in try String.fetchAll(db, sql: "SELECT key FROM login_failures") }
        #expect(!keys.contains { $0.contains("inconnu") })
    }

    @Test func resetRequestsAreThrottledPerAddressAskedForAndPerClient() throws {
        let bench = try AccountBench()
        _ = try bench.activeAccount("pro@cmp.example")
        var links = 0
        for _ in 0..<5 {
            if case .answered(let link?) = try bench.desk.requestReset(email: "pro@cmp.example", clientAddress: "192.0.2.\(links)") {
                _ = link
                links += 1
            }
        }
        #expect(links == AccountDesk.maxResetsPerEmail, "a mailbox is not flooded, and the answer stays the same")
        for n in 0..<AccountDesk.maxResetsPerClient {
            _ = try bench.desk.requestReset(email: "x\(n)@cmp.example", clientAddress: "198.51.100.1")
        }
        guard case .throttled = try bench.desk.requestReset(email: "y@cmp.example", clientAddress: "198.51.100.1") else {
            Issue.record("the 11th request from one client is not throttled")
            return
        }
        bench.clock.advance(AccountDesk.resetWindow + 1)
        guard case .answered(_?) = try bench.desk.requestReset(email: "pro@cmp.example", clientAddress: "198.51.100.1") else {
            Issue.record("the window does not end")
            return
        }
    }
}

@Suite("Accounts: administrators' acts and one's own account")
struct AccountAdministrationTests {
    @Test func theLastActiveAdministratorCannotBeRemoved() throws {
        let bench = try AccountBench()
        let lastAdmin = "Vous êtes le seul administrateur actif de ce nœud"
        for change in [AccountChange.role(.referent), .deactivate] {
            #expect {
                try bench.desk.change(bench.admin.id, change, by: bench.source)
            } throws: { ($0 as? Refusal)?.message.hasPrefix(lastAdmin) == true }
        }
        #expect(try bench.node.accounts.account(id: bench.admin.id) == bench.admin, "nothing written")
        // An invited administrator does not count until they activate.
        let invited = try bench.desk.invite(email: "second@cmp.example", name: "Second", role: .admin, by: bench.source)
        #expect(throws: Refusal.self) { try bench.desk.change(bench.admin.id, .deactivate, by: bench.source) }
        _ = try bench.desk.choosePassword(
            token: AccountBench.token(invited),
            .activation,
            password: AccountBench.goodPassword,
            confirmation: AccountBench.goodPassword,
            address: nil
        )
        let demoted = try bench.desk.change(bench.admin.id, .role(.referent), by: bench.source)
        #expect(demoted.role == .referent)
        #expect {
            try bench.desk.change(invited.account.id, .deactivate, by: bench.source)
        } throws: { ($0 as? Refusal)?.message.hasPrefix("Second est le seul administrateur actif") == true }
        #expect(try bench.actions() == [.accountInvited, .accountActivated, .roleChanged])
        #expect(try bench.node.audit.entries().first?.subject == "admin@cmp.example : administrateur → référent de la structure")
    }

    @Test func deactivationEndsSessionsAndLinksAndReactivationRestores() throws {
        let bench = try AccountBench()
        let account = try bench.activeAccount("pro@cmp.example")
        try bench.openSession(account, "s1")
        try bench.openSession(account, "s2")
        guard case .answered(let link?) = try bench.desk.requestReset(email: "pro@cmp.example", clientAddress: "192.0.2.1") else {
            Issue.record("no link")
            return
        }
        let off = try bench.desk.change(account.id, .deactivate, by: bench.source)
        #expect(off.status == .deactivated)
        #expect(try bench.node.accounts.sessionCount(account: account.id, now: bench.clock.now()) == 0)
        #expect(try bench.node.accounts.session(tokenHash: "s1", now: bench.clock.now()) == nil)
        #expect(try bench.desk.linkState(AccountBench.token(link), .reset) == .expired)
        // A second deactivation changes and logs nothing.
        try bench.desk.change(account.id, .deactivate, by: bench.source)
        #expect(try bench.desk.change(account.id, .reactivate, by: bench.source).status == .active)
        #expect(try bench.actions().suffix(2) == [.accountDeactivated, .accountReactivated])
    }

    @Test func changingOnesPasswordNeedsTheCurrentOneAndEndsOtherSessions() throws {
        let bench = try AccountBench()
        let account = try bench.activeAccount("pro@cmp.example")
        try bench.openSession(account, "here")
        try bench.openSession(account, "elsewhere")
        let new = "une autre phrase bien longue"
        #expect(throws: AccountFormError(["current": "ce n'est pas votre mot de passe actuel."])) {
            try bench.desk.changePassword(account, current: "faux", new: new, confirmation: new, keeping: "here", address: nil)
        }
        #expect(throws: AccountFormError(["confirmation": "les deux mots de passe saisis sont différents."])) {
            try bench.desk.changePassword(account, current: AccountBench.goodPassword, new: new, confirmation: "autre", keeping: "here", address: nil)
        }
        #expect(throws: AccountFormError(["password": "c'est votre mot de passe actuel : choisissez-en un autre."])) {
            let same = AccountBench.goodPassword
            try bench.desk.changePassword(account, current: same, new: same, confirmation: same, keeping: "here", address: nil)
        }
        #expect(try bench.node.accounts.sessionCount(account: account.id, now: bench.clock.now()) == 2, "nothing written yet")
        try bench.desk.changePassword(account, current: AccountBench.goodPassword, new: new, confirmation: new, keeping: "here", address: "192.0.2.3")
        #expect(try bench.node.accounts.session(tokenHash: "here", now: bench.clock.now()) != nil)
        #expect(try bench.node.accounts.session(tokenHash: "elsewhere", now: bench.clock.now()) == nil)
        #expect(try bench.actions().last == .passwordChanged)
        #expect(try bench.node.audit.entries().first?.address == "192.0.2.3")
    }

    @Test func wrongCurrentPasswordsAreThrottled() throws {
        let bench = try AccountBench()
        let account = try bench.activeAccount("pro@cmp.example")
        let new = "une autre phrase bien longue"
        for _ in 0..<AccountDesk.maxPasswordFailures {
            #expect(throws: AccountFormError.self) {
                try bench.desk.changePassword(account, current: "faux", new: new, confirmation: new, keeping: "", address: nil)
            }
        }
        #expect {
            try bench.desk.changePassword(account, current: AccountBench.goodPassword, new: new, confirmation: new, keeping: "", address: nil)
        } throws: { ($0 as? Refusal)?.message.hasPrefix("Trop d'essais") == true }
        bench.clock.advance(AccountDesk.passwordWindow + 1)
        try bench.desk.changePassword(account, current: AccountBench.goodPassword, new: new, confirmation: new, keeping: "", address: nil)
    }

    @Test func endingOtherSessionsKeepsThisOne() throws {
        let bench = try AccountBench()
        let account = try bench.activeAccount("pro@cmp.example")
        for token in ["here", "phone", "laptop"] { try bench.openSession(account, token) }
        #expect(try bench.desk.endOtherSessions(account, keeping: "here", address: "192.0.2.5") == 2)
        #expect(try bench.actions().last == .sessionsEnded)
        #expect(try bench.desk.endOtherSessions(account, keeping: "here", address: nil) == 0)
        #expect(try bench.actions().last == .sessionsEnded && bench.actions().count == 3, "nothing to end, nothing logged")
        #expect(try bench.node.accounts.sessionCount(account: account.id, now: bench.clock.now()) == 1)
        #expect(try bench.node.accounts.session(tokenHash: "here", now: bench.clock.now()) != nil)
    }

    @Test func theCommandLineCreatesAccountsThroughTheSameDesk() throws {
        let bench = try AccountBench()
        let account = try bench.desk.create(
            email: "ops@cmp.example",
            name: "Opérateur",
            role: .admin,
            password: AccountBench.goodPassword,
            by: .commandLine
        )
        #expect(account.isActive)
        #expect(throws: Refusal("Un compte existe déjà pour ops@cmp.example.")) {
            try bench.desk.create(email: "ops@cmp.example", name: "X", role: .admin, password: AccountBench.goodPassword, by: .commandLine)
        }
        let entry = try #require(try bench.node.audit.entries().first)
        #expect(entry.actor == AuditLog.commandLine && entry.action == .accountCreated && entry.address == nil)
    }
}

@Suite("Accounts: password policy")
struct PasswordPolicyTests {
    @Test func refusalsSayWhyInFrench() {
        #expect(PasswordPolicy.problem("") == "champ obligatoire.")
        #expect(PasswordPolicy.problem("court") == "il faut au moins 12 caractères (celui-ci en a 5).")
        #expect(PasswordPolicy.problem(String(repeating: "é", count: 40)) == "72 caractères au plus (une lettre accentuée compte pour deux).")
        for common in ["azertyuiop123", "AzertyUIOP123", "mot de passe 123", "1234567890123", "1qaz2wsx3edc"] {
            #expect(PasswordPolicy.problem(common)?.hasPrefix("ce mot de passe fait partie des plus utilisés") == true, "\(common)")
        }
        for padded in ["football!!2024", "sunshine1234", "12soleil2024"] {
            #expect(PasswordPolicy.problem(padded)?.hasPrefix("c'est un mot de passe très courant entouré") == true, "\(padded)")
        }
        #expect(PasswordPolicy.problem("abcabcabcabc")?.hasPrefix("c'est une même suite de caractères répétée") == true)
        #expect(PasswordPolicy.problem("jetaimejetaime") != nil)
    }

    @Test func longUncommonPasswordsPass() {
        for good in ["le phare de Sète veille la nuit", "Cornichon-Tabouret-47", "éducateur spécialisé 34"] {
            #expect(PasswordPolicy.problem(good) == nil, "\(good)")
        }
    }

    @Test func theListIsLoadedWithoutItsComments() {
        #expect(PasswordPolicy.common.count > 9_000)
        #expect(PasswordPolicy.common.contains("azerty") && PasswordPolicy.common.contains("password"))
        #expect(!PasswordPolicy.common.contains { $0.hasPrefix("#") || $0 != $0.lowercased() })
    }
}
