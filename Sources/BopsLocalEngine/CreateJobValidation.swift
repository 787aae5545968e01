import BopsJobs
import FoundationEssentials

/// The checks AWS makes on a CreateJob request before accepting it. Each failure is a
/// `BadRequestException` naming the member and the rule.
enum CreateJobValidation {
    static func validate(_ r: CreateJobRequest) throws {
        func bad(_ message: String) -> EngineError { .badRequest(message) }
        guard isAccountId(r.accountId) else { throw bad("AccountId must be 12 digits, got '\(r.accountId)'") }
        guard (1...64).contains(r.clientRequestToken.count) else {
            throw bad("ClientRequestToken must be 1 to 64 characters")
        }
        if let d = r.description, !(1...256).contains(d.count) {
            throw bad("Description must be 1 to 256 characters")
        }
        guard (0...2_147_483_647).contains(r.priority) else {
            throw bad("Priority must be between 0 and 2147483647, got \(r.priority)")
        }
        guard isRoleArn(r.roleArn) else {
            throw bad("RoleArn must look like arn:aws:iam::123456789012:role/NAME, got '\(r.roleArn)'")
        }
        try validateTags(r.tags ?? [], what: "Tags")
        switch (r.manifest, r.manifestGenerator) {
        case (nil, nil): throw bad("Specify either Manifest or ManifestGenerator")
        case (.some, .some): throw bad("Specify only one of Manifest and ManifestGenerator")
        case (let m?, nil): try validateManifest(m)
        case (nil, let g?): try validateGenerator(g)
        }
        if r.report.enabled {
            guard let bucket = r.report.bucket else {
                throw bad("Report.Bucket is required when the report is enabled")
            }
            guard S3ARN.bucket(bucket) != nil else {
                throw bad("Report.Bucket must be a bucket ARN (arn:aws:s3:::NAME), got '\(bucket)'")
            }
            if let p = r.report.prefix, !(1...512).contains(p.count) {
                throw bad("Report.Prefix must be 1 to 512 characters")
            }
        }
        try OperationValidation.validate(r.operation)
    }

    static func isAccountId(_ s: String) -> Bool {
        s.count == 12 && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func isRoleArn(_ s: String) -> Bool {
        guard s.count <= 2048 else { return false }
        let parts = s.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && !parts[1].isEmpty && parts[2] == "iam"
            && parts[3].isEmpty
            && isAccountId(String(parts[4])) && parts[5].hasPrefix("role/")
    }

    static func validateTags(_ tags: [S3Tag], what: String) throws {
        guard tags.count <= 50 else {
            throw EngineError.badRequest("\(what): at most 50 tags, got \(tags.count)")
        }
        var seen: Set<String> = []
        for t in tags {
            guard (1...128).contains(t.key.count), t.value.count <= 256 else {
                throw EngineError.badRequest(
                    "\(what): tag keys are 1 to 128 characters and values at most 256 ('\(t.key)')")
            }
            guard seen.insert(t.key).inserted else {
                throw EngineError.badRequest("\(what): duplicate tag key '\(t.key)'")
            }
        }
    }

    static func validateManifest(_ m: JobManifest) throws {
        guard S3ARN.object(m.location.objectArn) != nil else {
            throw EngineError.badRequest(
                "Manifest.Location.ObjectArn must be an object ARN (arn:aws:s3:::BUCKET/KEY), got '\(m.location.objectArn)'"
            )
        }
        guard !m.location.eTag.isEmpty else {
            throw EngineError.badRequest("Manifest.Location.ETag is required")
        }
        if m.spec.format == .csv {
            let fields = m.spec.fields ?? []
            let count = { (f: JobManifestFieldName) in fields.filter { $0 == f }.count }
            guard count(.bucket) == 1, count(.key) == 1, count(.versionId) <= 1 else {
                throw EngineError.badRequest(
                    "Manifest.Spec.Fields must name Bucket and Key once each and VersionId at most once "
                        + "(for example [Bucket, Key]), got \(fields.map(\.rawValue))")
            }
        }
    }

    static func validateGenerator(_ g: JobManifestGenerator) throws {
        guard let s = g.s3JobManifestGenerator else {
            throw EngineError.badRequest("ManifestGenerator.S3JobManifestGenerator is required")
        }
        guard S3ARN.bucket(s.sourceBucket) != nil else {
            throw EngineError.badRequest(
                "S3JobManifestGenerator.SourceBucket must be a bucket ARN, got '\(s.sourceBucket)'")
        }
        if s.enableManifestOutput {
            guard let out = s.manifestOutputLocation else {
                throw EngineError.badRequest(
                    "ManifestOutputLocation is required when EnableManifestOutput is true")
            }
            guard S3ARN.bucket(out.bucket) != nil else {
                throw EngineError.badRequest(
                    "ManifestOutputLocation.Bucket must be a bucket ARN, got '\(out.bucket)'")
            }
        }
        if let f = s.filter, let a = f.createdAfter, let b = f.createdBefore, a >= b {
            throw EngineError.badRequest("Filter.CreatedAfter must be before Filter.CreatedBefore")
        }
    }
}
