import Foundation
import Records
import Testing

@testable import Exchange

/// Every record example published in protocol/examples/ reads as the code reads it: valid ones
/// validate, `.invalid.` ones are refused (the schemas are checked against the same files).
@Suite("Protocol examples")
struct ProtocolExampleTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("protocol/examples")

    static let types: [String: any RecordBody.Type] = [
        "offer": Offer.self, "demand": Demand.self, "structure_profile": StructureProfile.self, "tombstone": Tombstone.self,
        "member": Member.self, "revocation": Revocation.self, "message": Message.self, "glossary_entry": GlossaryEntry.self,
        "convention_template": ConventionTemplateRecord.self, "reciprocity_policy": ReciprocityPolicy.self, "legal_notice": LegalNotice.self,
        "redaction": Redaction.self, "retention_policy": RetentionPolicy.self, "exchange_framework": ExchangeFramework.self,
        "immersion_request": ImmersionRequest.self, "immersion_answer": ImmersionAnswer.self, "immersion_convention": ImmersionConvention.self,
        "convention_signature": ConventionSignature.self, "immersion_cancellation": ImmersionCancellation.self,
        "immersion_evaluation": ImmersionEvaluation.self, "immersion_credential": ImmersionCredential.self,
        "immersion_preparation": ImmersionPreparation.self, "immersion_followup": ImmersionFollowUp.self,
        "partnership": Partnership.self,
    ]

    @Test func everyRecordExampleReadsAsTheSchemaSays() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }.sorted()
        var checked = 0
        for file in files {
            guard let type = Self.types[String(file.prefix { $0 != "." })] else { continue }
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            let valid = (try? type.validated(jsonText: text)) != nil
            #expect(valid == !file.contains(".invalid."), "\(file)")
            checked += 1
        }
        #expect(checked >= 30)
    }
}

@Suite("Record limits")
struct RecordLimitTests {
    @Test func everyRecordTypeOfTheProtocolHasALimit() {
        let types: [any RecordBody.Type] = Array(ProtocolExampleTests.types.values)
        for type in types { #expect(RecordLimits.maximum(for: type.recordType) != nil, "\(type.recordType)") }
        #expect(RecordLimits.maximumBodyBytes.count == types.count, "no limit for a type that does not exist")
    }
}
