public import BopsCost

/// A plan's estimate: the sum of its jobs' (``Estimate``), with their objects and bytes.
public struct PlanTotal: Codable, Sendable, Hashable {
    public var total: Double
    public var currency: String
    /// Jobs the plan creates (creations, replacements and clones) or will create once their
    /// dependencies hold (waiting specs).
    public var jobs: Int
    public var objects: Figure
    public var bytes: Figure
    public var exactness: Exactness
    /// What could not be priced, per spec: `backfill: Lambda duration: ...`.
    public var missing: [String]
    /// Where the prices come from: `AWS list prices, read 2026-12-07 (pricing/aws.json)`.
    public var prices: String

    enum CodingKeys: String, CodingKey {
        case total, currency, jobs, objects, bytes, exactness, missing, prices
    }
}

/// Puts an estimate on every action that makes a job, now or once its dependencies hold (a
/// campaign's waiting specs are part of its bill), and the total on the plan. Pure: the sizes are
/// the planner's inputs, the prices the model's.
public enum PlanEstimate {
    public static func estimate(_ plan: inout Plan, with model: CostModel, defaultRegion: String) {
        var total = PlanTotal(
            total: 0, currency: model.prices.currency, jobs: 0, objects: .exact(0), bytes: .exact(0),
            exactness: .exact, missing: [],
            prices: "\(model.prices.name), read \(model.prices.readOn) (\(model.prices.file))")
        for i in plan.actions.indices {
            let a = plan.actions[i]
            guard [.create, .replace, .clone, .wait].contains(a.kind), let request = a.request else {
                continue
            }
            let size = a.size ?? JobSize(objects: .unknown, bytes: .unknown)
            let e = model.estimate(
                request.operation, size: size, region: a.region ?? defaultRegion,
                generated: request.manifestGenerator != nil, replacing: a.kind == .replace)
            plan.actions[i].estimate = e
            total.jobs += 1
            total.total += e.total
            total.objects = total.jobs == 1 ? size.objects : atLeast(total.objects, plus: size.objects)
            total.bytes = total.jobs == 1 ? size.bytes : atLeast(total.bytes, plus: size.bytes)
            total.exactness = total.exactness.combined(with: e.exactness)
            total.missing += e.missing.map { "\(a.name): \($0)" }
        }
        plan.estimate = total.jobs == 0 ? nil : total
    }

    /// A sum over jobs where some figures may be unknown: the known ones added, and then a lower
    /// bound (`at_least`), so one job without a size does not hide the others'.
    static func atLeast(_ a: Figure, plus b: Figure) -> Figure {
        switch (a.value, b.value) {
        case (.some, .some): return a + b
        case (let x?, nil): return Figure(x, .atLeast)
        case (nil, let y?): return Figure(y, .atLeast)
        case (nil, nil): return .unknown
        }
    }
}
