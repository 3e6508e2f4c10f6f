/// The version of vmvp, printed by `vmvp --version`. It must equal the newest entry of
/// deploy/debian/changelog, which names the Debian package (scripts/package-deb.sh refuses to
/// build when they differ, and a test checks it).
enum Version {
    static let current = "0.30.0"
}
