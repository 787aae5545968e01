public import BopsState
import Foundation

/// One ordered log shared by the fakes of a test: every engine call and every state save, in the
/// order they happened, so a test can say "the token was saved before CreateJob".
public final class Journal: @unchecked Sendable {
    public enum Event: Sendable, Hashable {
        /// An engine or object-store call, as it started.
        case call(EngineCall)
        /// A call that answered without error (CreateJob's with the job id): its effect happened.
        case answered(EngineCall)
        /// A state document written to the store.
        case saved(State)
        /// A write to the store that failed (the store kept its previous document).
        case saveFailed
    }

    private let mutex = NSLock()
    private var log: [Event] = []

    public init() {}

    public var events: [Event] { mutex.withLock { log } }

    public func append(_ event: Event) { mutex.withLock { log.append(event) } }

    /// The saved states, oldest first.
    public var saves: [State] {
        events.compactMap { if case .saved(let s) = $0 { s } else { nil } }
    }

    /// The calls, in order.
    public var calls: [EngineCall] {
        events.compactMap { if case .call(let c) = $0 { c } else { nil } }
    }
}
