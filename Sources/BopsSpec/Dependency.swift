import BopsDiagnostics
import BopsNode
import BopsPrimitives

extension JobSpec {
    /// One entry of `spec.dependsOn`: the job of this spec is created only once the current job
    /// (latest generation) of `spec` meets `when`, and `delay` has passed since bops first saw it
    /// do so. Not part of the job's definition: it never changes the digest.
    public struct Dependency: Sendable, Hashable, Codable {
        /// What the dependency's job must have reached.
        public enum Condition: String, Sendable, Hashable, Codable, CaseIterable {
            /// The job is Complete.
            case completed
            /// Complete, with failed tasks / total tasks at most `maxFailedRatio`.
            case succeeded
            /// A restore job that is Complete, and its manifest's objects are readable.
            case restored
        }

        /// The default number of objects a `restored` condition looks at.
        public static let defaultSample = 10_000

        public var spec: String
        public var when: Condition
        /// With `succeeded`: the share of failed tasks still accepted (0 ... 1).
        public var maxFailedRatio: Double
        public var delay: Duration?
        /// With `restored`: how many objects to HEAD (a seeded sample above it).
        public var sample: Int

        public init(
            spec: String, when: Condition, maxFailedRatio: Double = 0, delay: Duration? = nil,
            sample: Int = Dependency.defaultSample
        ) {
            self.spec = spec
            self.when = when
            self.maxFailedRatio = maxFailedRatio
            self.delay = delay
            self.sample = sample
        }
    }
}

extension JobSpec.Dependency {
    static let pointer = "/spec/dependsOn"

    static func decodeAll(_ spec: Node?, _ d: inout NodeDecoder) -> [Self] {
        guard let node = spec?["dependsOn"] else { return [] }
        guard let items = node.sequence else {
            d.mismatch(node, pointer, expected: "an array")
            return []
        }
        return items.enumerated().compactMap { i, item in decode(item, at: "\(pointer)/\(i)", &d) }
    }

    static func decode(_ node: Node, at here: String, _ d: inout NodeDecoder) -> Self? {
        guard let spec = d.required(node, "spec", here),
            let when = d.enumeration(Condition.self, node, "when", here)
        else { return nil }
        var ratio = 0.0
        if let r = node["maxFailedRatio"] {
            switch r.scalar?.value {
            case .int(let v): ratio = Double(v)
            case .float(let v): ratio = v
            default: d.mismatch(r, "\(here)/maxFailedRatio", expected: "a number")
            }
        }
        var delay: Duration?
        if let text = d.string(node, "delay", here) {
            delay = DurationText.parse(text)
            if delay == nil { d.mismatch(node["delay"], "\(here)/delay", expected: "a duration such as 8h") }
        }
        return Self(
            spec: spec, when: when, maxFailedRatio: ratio, delay: delay,
            sample: d.int(node, "sample", here) ?? defaultSample)
    }

    /// The rules of one entry that need no other spec: `maxFailedRatio` only with `succeeded`,
    /// `sample` only with `restored`, no dependency on the spec itself, none twice.
    static func check(_ spec: JobSpec, _ c: inout RuleContext) {
        var seen: [String: Int] = [:]
        for (i, dep) in spec.dependsOn.enumerated() {
            let here = "\(pointer)/\(i)"
            if dep.spec == spec.name {
                c.error(
                    "\(spec.name) depends on itself", at: "\(here)/spec",
                    hint: "a spec waits for other specs' jobs; remove this entry")
            }
            if let first = seen[dep.spec] {
                c.error(
                    "\(dep.spec) is listed twice in dependsOn (entries \(first) and \(i))",
                    at: "\(here)/spec",
                    hint: "keep one entry per spec; put every condition on it into that one")
            } else {
                seen[dep.spec] = i
            }
            if dep.when != .succeeded, c.has("\(here)/maxFailedRatio") {
                c.error(
                    "maxFailedRatio applies only to when: succeeded (this entry says \(dep.when.rawValue))",
                    at: "\(here)/maxFailedRatio", atKey: true,
                    hint: "write when: succeeded, or remove maxFailedRatio")
            }
            if dep.when != .restored, c.has("\(here)/sample") {
                c.error(
                    "sample applies only to when: restored (this entry says \(dep.when.rawValue))",
                    at: "\(here)/sample", atKey: true, hint: "write when: restored, or remove sample")
            }
        }
    }
}
