import BopsJobs
import Testing

@testable import BopsPlan

/// The plan's sentence for LambdaInvoke: the function, the objects, the schema and the arguments.
@Suite struct LambdaSummaryTests {
    static let arn = "arn:aws:lambda:us-east-1:111122223333:function:resize"

    @Test func namesFunctionCountSchemaAndSortedArguments() {
        let op = JobOperation.lambdaInvoke(
            LambdaInvokeOperation(
                functionArn: Self.arn, invocationSchemaVersion: "2.0",
                userArguments: ["size": "640", "fit": "crop"]))
        #expect(
            OperationSummary.sentence(for: op, tasks: 1204)
                == "Invoke \(Self.arn) on 1,204 objects, schema 2.0, user arguments: fit=crop, size=640")
    }

    @Test func withoutArgumentsOrCountAndWithTheDefaultSchema() {
        let op = JobOperation.lambdaInvoke(LambdaInvokeOperation(functionArn: Self.arn))
        #expect(OperationSummary.sentence(for: op) == "Invoke \(Self.arn) on every object, schema 1.0")
        #expect(OperationSummary.sentence(for: op, tasks: 1) == "Invoke \(Self.arn) on 1 object, schema 1.0")
    }
}
