import BopsTestSupport
import Foundation
import Testing

@testable import BopsState

/// A stand-in for a plan: the plan file format does not depend on the plan's type.
struct Payload: Codable, Equatable {
    var formatVersion: String
    var steps: [String]

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case steps
    }
}

struct PlanFileCase: Sendable, CustomTestStringConvertible {
    var label: String
    var content: String
    var expected: @Sendable (String) -> PlanFileError
    var testDescription: String { label }
}

let unreadablePlans: [PlanFileCase] = [
    PlanFileCase(
        label: "an older major version", content: #"{"format_version": "1.0", "steps": []}"#,
        expected: { .unsupportedFormat(path: $0, found: "1.0", expected: "2.0") }),
    PlanFileCase(
        label: "a newer major version", content: #"{"format_version": "3.1", "steps": []}"#,
        expected: { .unsupportedFormat(path: $0, found: "3.1", expected: "2.0") }),
    PlanFileCase(
        label: "not JSON", content: "plan: yes",
        expected: { .notAPlan(path: $0, detail: "not a JSON object") }),
    PlanFileCase(
        label: "no version", content: #"{"steps": []}"#,
        expected: { .notAPlan(path: $0, detail: "no `format_version`") }),
    PlanFileCase(
        label: "the right version, the wrong shape", content: #"{"format_version": "2.0"}"#,
        expected: { .notAPlan(path: $0, detail: "missing `steps` at the top") }),
]

@Suite("plan file")
struct PlanFileTests {
    @Test func roundTripsAndAcceptsAnyMinorVersion() throws {
        let folder = try TempFolder()
        let path = folder.file("plans/p.json")
        try PlanFile.write(Payload(formatVersion: "2.7", steps: ["a", "b"]), to: path)
        let read = try PlanFile.read(Payload.self, from: path, formatVersion: "2.0")
        #expect(read == Payload(formatVersion: "2.7", steps: ["a", "b"]))
    }

    @Test(arguments: unreadablePlans)
    func refuses(_ c: PlanFileCase) throws {
        let folder = try TempFolder()
        let path = try folder.write("p.json", c.content)
        #expect(throws: c.expected(path)) {
            try PlanFile.read(Payload.self, from: path, formatVersion: "2.0")
        }
    }

    @Test func anOldPlanIsRefusedNamingTheFileBothVersionsAndTheFix() {
        let d = PlanFileError.unsupportedFormat(path: "old.plan", found: "1.0", expected: "2.0").diagnostic
        #expect(d.subject == "old.plan")
        #expect(d.summary.contains("1.0") && d.summary.contains("2.0"), "\(d.summary)")
        #expect(d.detail?.contains("older bops") == true)
        #expect(d.hint?.contains("bops plan -out old.plan") == true, "\(d.hint ?? "")")
    }

    @Test func aMissingFileIsUnreadable() throws {
        let folder = try TempFolder()
        #expect(throws: PlanFileError.unreadable(path: folder.file("none.json"))) {
            try PlanFile.read(Payload.self, from: folder.file("none.json"), formatVersion: "2.0")
        }
    }
}
