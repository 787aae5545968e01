import BopsCost
import BopsPlan

/// The words of sizes, estimates and risks, shared by the text and markdown plans.
enum EstimateText {
    /// `1,500`, `≈ 1.2M`, `≥ 100K`, `unknown`: exact counts below a million in full.
    static func count(_ f: Figure) -> String {
        guard let v = f.value else { return "unknown" }
        if f.exactness == .exact && v < 1_000_000 { return Money.grouped(String(v)) }
        return prefix(f.exactness) + v.formatted
    }

    /// `120 B`, `≈ 3.4 TB`, `unknown`.
    static func bytes(_ f: Figure) -> String {
        guard let v = f.value else { return "unknown" }
        return prefix(f.exactness) + v.formattedBytes
    }

    static func prefix(_ e: Exactness) -> String {
        switch e {
        case .exact, .unknown: ""
        case .estimated: "≈ "
        case .atLeast: "≥ "
        }
    }

    /// `objects: 5 (exact), bytes: 12.0 GB (exact)`, `≈ 3.4 TB (sampled 1,000 of 1.2M)`.
    static func size(_ s: JobSize) -> String {
        guard s.observed else { return "size: not observed (--refresh=false)" }
        var text = "size: \(count(s.objects)) object\(s.objects.value == 1 ? "" : "s"), \(bytes(s.bytes))"
        if let sample = s.sample {
            text += " (sampled \(Int64(sample.headed).formatted) of \(Int64(sample.of).formatted) by HEAD)"
        } else if s.objects.exactness == .exact && s.bytes.exactness == .exact {
            text += " (exact)"
        }
        if let all = s.sourceBucketObjects { text += "; the source bucket holds \(count(all)) objects" }
        if let note = s.note { text += "; \(note)" }
        return text
    }

    /// `≈ $0.35`, `$0.35`, `$0.35 + what is not priced`.
    static func amount(_ total: Double, _ exactness: Exactness, complete: Bool) -> String {
        (exactness == .exact ? "" : "≈ ") + Money.text(total) + (complete ? "" : " + what is not priced")
    }

    /// `estimate ≈ $0.35: job $0.25, objects $0.002, COPY requests into DEEP_ARCHIVE $0.10`.
    static func estimate(_ e: Estimate) -> String {
        if e.items.isEmpty { return "estimate: " + (e.missing.first ?? "none") }
        let lines = e.items.filter { $0.amount != nil }.map {
            "\($0.description) \(Money.text($0.amount ?? 0))"
        }
        return "estimate \(amount(e.total, e.exactness, complete: e.isComplete)): "
            + lines.joined(separator: ", ")
    }

    /// `risk minimumStorage at specs/a.yaml:12:7: ...`, with the spec's reason when acknowledged.
    static func risk(_ r: Risk) -> String {
        let at = r.place.map { " at \($0)" } ?? ""
        if let reason = r.acknowledged {
            return "risk \(r.id.rawValue) (acknowledged: \(reason))\(at): \(r.summary)"
        }
        return "risk \(r.id.rawValue) (\(r.kind.rawValue))\(at): \(r.summary)"
    }

    /// `Estimated cost ≈ $527.40: 3 jobs, 10.0M objects, 50.0 TB`.
    static func total(_ t: PlanTotal) -> String {
        "Estimated cost \(amount(t.total, t.exactness, complete: t.missing.isEmpty)): \(t.jobs) job\(t.jobs == 1 ? "" : "s"), "
            + "\(count(t.objects)) objects, \(bytes(t.bytes))"
    }
}
