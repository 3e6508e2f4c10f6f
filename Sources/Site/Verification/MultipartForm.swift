/// Reads a `multipart/form-data` body (RFC 7578) into a `Form`: the verifier page takes a file
/// or pasted text, both small texts. Parts that are not text come out garbled, and fail as
/// credentials would.
enum MultipartForm {
    /// The boundary named by a `Content-Type` header, if it is `multipart/form-data`.
    static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            let value = part.dropFirst("boundary=".count)
            let boundary = value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? value.dropFirst().dropLast() : value
            return boundary.isEmpty ? nil : String(boundary)
        }
        return nil
    }

    static func parse(_ body: String, boundary: String) -> Form {
        var pairs: [(String, String)] = []
        for part in body.components(separatedBy: "--" + boundary).dropFirst() {
            if part.hasPrefix("--") { break }
            guard let split = part.range(of: "\r\n\r\n") else { continue }
            let headers = part[..<split.lowerBound]
            guard let name = Self.name(in: headers) else { continue }
            var value = String(part[split.upperBound...])
            if value.hasSuffix("\r\n") { value.removeLast() }  // "\r\n" is one Character in Swift
            pairs.append((name, value))
        }
        return Form(pairs: pairs)
    }

    /// The `name="…"` of a part's `Content-Disposition`.
    static func name(in headers: Substring) -> String? {
        for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            guard let start = line.range(of: "name=\"") else { return nil }
            let rest = line[start.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        return nil
    }
}
