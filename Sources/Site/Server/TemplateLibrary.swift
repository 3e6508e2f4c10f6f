import Mustache

/// The site's templates and stylesheet: files under `Sources/Site/Templates/`, compiled into the
/// binary by SwiftPM (`.embedInCode`), so an installed `vmvp` reads no resource file at run time.
/// `{{x}}` escapes HTML; `{{{x}}}` is used only for markup the site builds itself (the page
/// body, `<abbr>` around already-escaped text, the heat map).
enum TemplateLibrary {
    /// Every template, by the name pages use (its file name without `.mustache`).
    static let files: [(name: String, bytes: [UInt8])] = [
        ("layout", PackageResources.layout_mustache),
        ("errorSummary", PackageResources.errorSummary_mustache),
        ("error", PackageResources.error_mustache),
        ("login", PackageResources.login_mustache),
        ("catalogue", PackageResources.catalogue_mustache),
        ("offer", PackageResources.offer_mustache),
        ("offerForm", PackageResources.offerForm_mustache),
        ("directory", PackageResources.directory_mustache),
        ("structure", PackageResources.structure_mustache),
        ("demands", PackageResources.demands_mustache),
        ("demandForm", PackageResources.demandForm_mustache),
        ("glossary", PackageResources.glossary_mustache),
        ("status", PackageResources.status_mustache),
        ("accounts", PackageResources.accounts_mustache),
        ("passwordFields", PackageResources.passwordFields_mustache),
        ("choosePassword", PackageResources.choosePassword_mustache),
        ("forgotPassword", PackageResources.forgotPassword_mustache),
        ("myAccount", PackageResources.myAccount_mustache),
        ("journal", PackageResources.journal_mustache),
        ("reciprocity", PackageResources.reciprocity_mustache),
        ("requestForm", PackageResources.requestForm_mustache),
        ("immersions", PackageResources.immersions_mustache),
        ("immersion", PackageResources.immersion_mustache),
        ("conventionPrint", PackageResources.conventionPrint_mustache),
        ("attestation", PackageResources.attestation_mustache),
        ("sign", PackageResources.sign_mustache),
        ("todo", PackageResources.todo_mustache),
        ("dashboard", PackageResources.dashboard_mustache),
        ("steeringFigures", PackageResources.steeringFigures_mustache),
        ("report", PackageResources.report_mustache),
        ("framework", PackageResources.framework_mustache),
        ("frameworkForm", PackageResources.frameworkForm_mustache),
        ("carnet", PackageResources.carnet_mustache),
        ("suggestions", PackageResources.suggestions_mustache),
        ("verifier", PackageResources.verifier_mustache),
        ("network", PackageResources.network_mustache),
        ("invite", PackageResources.invite_mustache),
        ("invitationIssued", PackageResources.invitationIssued_mustache),
        ("revoke", PackageResources.revoke_mustache),
        ("renew", PackageResources.renew_mustache),
        ("conventionBlocks", PackageResources.conventionBlocks_mustache),
        ("rules", PackageResources.rules_mustache),
        ("glossaryEntry", PackageResources.glossaryEntry_mustache),
        ("templateForm", PackageResources.templateForm_mustache),
        ("templatePreview", PackageResources.templatePreview_mustache),
        ("profile", PackageResources.profile_mustache),
        ("legal", PackageResources.legal_mustache),
        ("legalForm", PackageResources.legalForm_mustache),
        ("personalDataPage", PackageResources.personalDataPage_mustache),
        ("retention", PackageResources.retention_mustache),
        ("erasure", PackageResources.erasure_mustache),
    ]

    static let stylesheet = String(decoding: PackageResources.style_css, as: UTF8.self)

    static func load() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for file in files { try library.register(String(decoding: file.bytes, as: UTF8.self), named: file.name) }
        return library
    }
}
