import BopsPlan
import BopsSpec

extension Dependency {
    /// The planner's form of a `dependsOn` entry.
    init(_ entry: JobSpec.Dependency) {
        let when: Condition =
            switch entry.when {
            case .completed: .completed
            case .succeeded: .succeeded
            case .restored: .restored
            }
        self.init(
            spec: entry.spec, when: when, maxFailedRatio: entry.maxFailedRatio, delay: entry.delay,
            sample: entry.sample)
    }
}
