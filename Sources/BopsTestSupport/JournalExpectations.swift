public import Testing

/// Checks of the ordering invariants of applying, over a ``Journal``. Each records a failed
/// expectation at the caller's `sourceLocation`.
extension Journal {
    /// Every CreateJob started after a save whose state has a record that is pending (`pendingCreate`,
    /// no job id) with that CreateJob's client token: a crash during CreateJob leaves the token in state.
    public func expectTokenSavedBeforeCreate(sourceLocation: SourceLocation = #_sourceLocation) {
        var saved: Set<String> = []
        for event in events {
            switch event {
            case .saved(let state):
                saved = Set(
                    state.jobs.values.filter { $0.pendingCreate && $0.jobId == nil }.map(\.clientToken))
            case .call(let call) where call.operation == .createJob:
                #expect(
                    call.clientToken.map(saved.contains) == true,
                    "CreateJob with token \(call.clientToken ?? "-") was sent before a save recorded it as pending",
                    sourceLocation: sourceLocation)
            default:
                break
            }
        }
    }

    /// After every call that changed a job, the next thing that touches jobs or ends the journal is a
    /// state write (successful or not): no effect goes unrecorded while the apply continues.
    public func expectSaveAfterEachEffect(sourceLocation: SourceLocation = #_sourceLocation) {
        var unrecorded: EngineCall?
        for event in events {
            switch event {
            case .answered(let call) where call.operation.changesJob:
                #expect(
                    unrecorded == nil,
                    "\(call) answered while \(unrecorded?.description ?? "-") was not saved yet",
                    sourceLocation: sourceLocation)
                unrecorded = call
            case .call(let call) where call.operation.changesJob:
                #expect(
                    unrecorded == nil,
                    "\(call) started before the effect of \(unrecorded?.description ?? "-") was saved",
                    sourceLocation: sourceLocation)
            case .saved, .saveFailed:
                unrecorded = nil
            default:
                break
            }
        }
        #expect(
            unrecorded == nil, "the effect of \(unrecorded?.description ?? "-") was never saved",
            sourceLocation: sourceLocation)
    }
}
