import BopsJobs
import BopsPrimitives
import FoundationEssentials

/// `LambdaInvoke`: invokes the function's local handler once per task (``LambdaInvocation`` is the
/// contract) and reports its answer.
///
/// Completion report, as S3 writes it: `Succeeded` is a succeeded task whose `ResultMessage` is the
/// `resultString`; `PermanentFailure` (and `TemporaryFailure` once ``LambdaFunctions/attempts`` are
/// used) is a failed task with HTTP status 200, that code as `ErrorCode` and the `resultString`.
/// A handler that cannot start, exits non-zero, dies of a signal or runs past its timeout is a
/// function error (`PermanentFailure`, "Lambda returned function error: {...}"); standard output
/// that is not a valid response is `PermanentFailure` too ("Lambda returned an invalid response:
/// ..."). A function without a handler fails with 404 `ResourceNotFoundException`
/// ("Function not found: ARN"), as Lambda answers for a function that does not exist. Other tasks
/// and the engine go on in every case.
struct LambdaExecutor: TaskExecutor {
    /// Lambda's limit of a synchronous response payload (6 MB).
    static let maximumOutput = 6 * 1024 * 1024

    let operation: LambdaInvokeOperation
    let jobId: String
    let functions: LambdaFunctions
    /// The job's folder: `lambda.log` (handlers' standard error) and `lambda/` (scratch files).
    let folder: String

    var functionArn: String { operation.functionArn ?? "" }
    var schemaVersion: String { operation.invocationSchemaVersion ?? "1.0" }

    func execute(_ row: TaskRow) -> TaskResult {
        guard let handler = functions.handler(for: functionArn) else {
            return TaskResult(
                succeeded: false, httpStatus: 404, errorCode: "ResourceNotFoundException",
                message: "Function not found: \(functionArn)")
        }
        var answer = invoke(handler, row)
        var attempt = 1
        while case .answered(let a) = answer, a.code == .temporaryFailure, attempt < functions.attempts {
            attempt += 1
            answer = invoke(handler, row)
        }
        switch answer {
        case .answered(let a):
            if a.code == .succeeded { return .success([], message: a.resultString) }
            let message =
                a.missing
                ? "The function returned no result for this task (treatMissingKeysAs \(a.code.rawValue))"
                : a.resultString
            return TaskResult(succeeded: false, httpStatus: 200, errorCode: a.code.rawValue, message: message)
        case .failed(let message):
            return TaskResult(
                succeeded: false, httpStatus: 200,
                errorCode: LambdaInvocation.ResultCode.permanentFailure.rawValue,
                message: message)
        }
    }

    enum Outcome {
        case answered(LambdaInvocation.Answer)
        case failed(String)
    }

    func invoke(_ handler: LambdaHandler, _ row: TaskRow) -> Outcome {
        let taskId = LambdaInvocation.identifier()
        let event = LambdaInvocation.event(
            schemaVersion: schemaVersion, invocationId: LambdaInvocation.identifier(), jobId: jobId,
            userArguments: operation.userArguments, taskId: taskId, row: row)
        let run = ChildProcess.run(
            handler.command, workingDirectory: handler.workingDirectory, timeout: handler.timeout,
            input: event,
            scratch: folder + "/lambda", log: folder + "/lambda.log",
            environment: ["AWS_LAMBDA_FUNCTION_NAME": LambdaFunctions.functionName(functionArn)],
            maximumOutput: Self.maximumOutput)
        let command = handler.command.joined(separator: " ")
        switch run.end {
        case .couldNotStart(let why):
            return .failed(functionError("Runtime.InvalidEntrypoint", "\(why) (command: \(command))"))
        case .timedOut:
            let hundredths = Int(
                ((Double(handler.timeout.components.seconds)
                    + Double(handler.timeout.components.attoseconds) / 1e18) * 100).rounded())
            let cents = hundredths % 100
            let seconds = "\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)"
            return .failed(
                functionError(
                    "Sandbox.Timedout",
                    "Task timed out after \(seconds) seconds: the handler and its process group were killed"))
        case .signalled(let signal):
            return .failed(
                functionError("Runtime.ExitError", "the handler was killed by signal \(signal) (\(command))"))
        case .exited(let status) where status != 0:
            return .failed(
                functionError("Runtime.ExitError", "the handler exited with status \(status) (\(command))"))
        case .exited:
            if run.outputTooLarge {
                return .failed(invalid("its standard output is larger than 6 MB, Lambda's response limit"))
            }
            do {
                return .answered(try LambdaInvocation.answer(run.output, taskId: taskId))
            } catch {
                return .failed(invalid(error.reason))
            }
        }
    }

    /// Lambda's words for an unhandled error, with the error's JSON as Lambda writes it.
    func functionError(_ type: String, _ message: String) -> String {
        "Lambda returned function error: {\"errorMessage\":" + JSONText.string(message) + ",\"errorType\":"
            + JSONText.string(type) + "}"
    }

    func invalid(_ reason: String) -> String { "Lambda returned an invalid response: " + reason }
}
