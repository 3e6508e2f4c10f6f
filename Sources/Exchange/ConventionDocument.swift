import Foundation
import Records

/// The convention as a printed document: its template, filled in, read as blocks a page can lay
/// out. The template stays a plain French text with `{{placeholders}}` (the hub may publish its
/// own); its layout follows a few plain-text habits, so that any template prints well:
///
/// - the first line is the title;
/// - a line ending with a colon and nothing after it opens a section (its heading);
/// - lines starting with "- " form a list, lines "1. Title : text" a numbered list;
/// - "Label : value" lines whose label is a few words are labelled fields;
/// - `{{parties}}` alone on a line stands for the three parties, each shown in its own block;
/// - any other line is a paragraph.
public struct ConventionDocument: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        /// The part before " : " in a numbered line ("Confidentialité et secret professionnel"), or empty.
        public let title: String
        public let text: String
    }

    public enum Block: Sendable, Equatable {
        case heading(String)
        case paragraph(String)
        case list([String])
        case numbered([Item])
        case fields([Item])
        /// The parties' blocks go here.
        case parties
    }

    public let title: String
    public let blocks: [Block]

    public init(_ convention: Convention) {
        self.init(text: convention.filled(keeping: ["parties"]))
    }

    init(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        title = lines.isEmpty ? "" : lines.removeFirst()
        var blocks: [Block] = []
        for line in lines where !line.isEmpty {
            let block = Self.block(line)
            // Consecutive lines of one kind make one list.
            switch (blocks.last, block) {
            case (.list(let a)?, .list(let b)): blocks[blocks.count - 1] = .list(a + b)
            case (.numbered(let a)?, .numbered(let b)): blocks[blocks.count - 1] = .numbered(a + b)
            case (.fields(let a)?, .fields(let b)): blocks[blocks.count - 1] = .fields(a + b)
            default: blocks.append(block)
            }
        }
        self.blocks = blocks
    }

    static func block(_ line: String) -> Block {
        if line == "{{parties}}" { return .parties }
        if line.hasPrefix("- ") { return .list([String(line.dropFirst(2))]) }
        let digits = line.prefix { $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") {
            let rest = String(line.dropFirst(digits.count + 2))
            guard let colon = rest.range(of: " : ") else { return .numbered([Item(title: "", text: rest)]) }
            return .numbered([Item(title: String(rest[..<colon.lowerBound]), text: String(rest[colon.upperBound...]))])
        }
        if line.hasSuffix(":") {
            return .heading(String(line.dropLast()).trimmingCharacters(in: .whitespaces))
        }
        if let colon = line.range(of: " : ") {
            let label = line[..<colon.lowerBound]
            if label.count <= 30, label.split(separator: " ").count <= 4, label.first?.isUppercase == true {
                return .fields([Item(title: String(label), text: String(line[colon.upperBound...]))])
            }
        }
        return .paragraph(line)
    }
}
