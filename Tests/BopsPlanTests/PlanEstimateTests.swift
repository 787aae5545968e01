import BopsCost
import BopsJobs
import BopsPlan
import Testing

/// The plan's estimate: each job's on its action, a replace adding the cancelled job's fee, and
/// the total over them.
struct PlanEstimateTests {
    static func action(
        _ kind: ActionKind, _ name: String, objects: Int64, region: String? = nil
    ) -> PlannedAction {
        var a = PlannedAction(kind: kind, name: name, reason: "r", accountId: "111122223333")
        a.region = region
        a.request = CreateJobRequest(
            accountId: "111122223333", confirmationRequired: false, operation: .s3ReplicateObject,
            report: JobReport(enabled: false), clientRequestToken: "t", priority: 10,
            roleArn: "arn:aws:iam::111122223333:role/r")
        a.size = JobSize(
            objects: .exact(objects), bytes: .exact(objects * 1000),
            byClass: [.init(storageClass: .standard, objects: .exact(objects), bytes: .exact(objects * 1000))]
        )
        return a
    }

    @Test func theTotalIsTheSumOfTheJobsAndAReplaceCostsTwoJobFees() {
        var plan = Plan(
            stateLineage: "l", stateSerial: 1,
            actions: [
                Self.action(.create, "a", objects: 1_000_000),
                Self.action(.replace, "b", objects: 2_000_000),
                PlannedAction(kind: .none, name: "c", reason: "unchanged", accountId: "111122223333"),
            ])
        PlanEstimate.estimate(&plan, with: CostModel(prices: .builtIn()), defaultRegion: "us-east-1")
        // a: $0.25 + $1.00 + 1,000 x $0.005; b: 2 x $0.25 + $2.00 + 2,000 x $0.005.
        #expect(abs((plan.actions[0].estimate?.total ?? 0) - 6.25) < 1e-9)
        #expect(abs((plan.actions[1].estimate?.total ?? 0) - 12.50) < 1e-9)
        #expect(plan.actions[2].estimate == nil)
        let total = try? #require(plan.estimate)
        #expect(abs((total?.total ?? 0) - 18.75) < 1e-9)
        #expect(
            total?.jobs == 2 && total?.objects == .exact(3_000_000) && total?.bytes == .exact(3_000_000_000))
        #expect(total?.exactness == .exact && total?.missing.isEmpty == true)
    }

    @Test func aRegionWithoutPricesIsNamedInTheTotal() {
        var plan = Plan(
            stateLineage: "l", stateSerial: 1,
            actions: [Self.action(.create, "eu", objects: 10, region: "eu-west-1")])
        PlanEstimate.estimate(&plan, with: CostModel(prices: .builtIn()), defaultRegion: "us-east-1")
        #expect(
            plan.estimate?.missing == [
                "eu: no price table for region eu-west-1 in pricing/aws.json (it has us-east-1)"
            ])
        #expect(plan.estimate?.total == 0)
    }

    @Test func aPlanWithoutNewJobsHasNoEstimate() {
        var plan = Plan(
            stateLineage: "l", stateSerial: 1,
            actions: [PlannedAction(kind: .none, name: "c", reason: "unchanged", accountId: "111122223333")])
        PlanEstimate.estimate(&plan, with: CostModel(prices: .builtIn()), defaultRegion: "us-east-1")
        #expect(plan.estimate == nil)
    }
}

extension PlanEstimateTests {
    @Test func aJobWithoutASizeMakesTheTotalALowerBound() {
        var unsized = Self.action(.create, "unsized", objects: 0)
        unsized.size = JobSize(objects: .unknown, bytes: .unknown)
        var plan = Plan(
            stateLineage: "l", stateSerial: 1, actions: [Self.action(.create, "a", objects: 10), unsized])
        PlanEstimate.estimate(&plan, with: CostModel(prices: .builtIn()), defaultRegion: "us-east-1")
        #expect(plan.estimate?.objects == .atLeast(10))
        #expect(plan.estimate?.bytes == .atLeast(10_000))
    }
}
